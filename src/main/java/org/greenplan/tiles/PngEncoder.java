package org.greenplan.tiles;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an ARGB image as an 8-bit RGBA PNG straight from its pixel array. ImageIO's PNG writer copies the
 * raster and fetches it sample by sample, which took as long as drawing a z 12 tile; here each row is
 * unpacked once and deflated at the fastest level (tiles are mostly transparent or flat colour, which
 * compress well at any level). Row filter "None": the other filters gained little on map tiles.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

    private PngEncoder() {
    }

    /** {@code image} must be {@link BufferedImage#TYPE_INT_ARGB} (not premultiplied, as PNG stores it). */
    static byte[] encode(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_ARGB) {
            throw new IllegalArgumentException("an ARGB image is needed, not type " + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] raw = new byte[height * (1 + 4 * width)];
        int o = 0;
        for (int y = 0; y < height; y++) {
            raw[o++] = 0; // filter: None
            for (int x = 0, i = y * width; x < width; x++, i++) {
                int argb = pixels[i];
                raw[o++] = (byte) (argb >>> 16);
                raw[o++] = (byte) (argb >>> 8);
                raw[o++] = (byte) argb;
                raw[o++] = (byte) (argb >>> 24);
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(8192);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] buffer = new byte[16384];
            while (!deflater.finished()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 64);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample
        header[9] = 6; // colour type: RGBA
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] name = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
