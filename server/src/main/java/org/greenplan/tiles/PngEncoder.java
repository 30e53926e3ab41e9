package org.greenplan.tiles;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes an ARGB image as a PNG straight from its pixel array. ImageIO's PNG writer copies the raster and
 * fetches it sample by sample, which took as long as drawing a z 12 tile; here each row is unpacked once and
 * deflated at the fastest level (tiles are mostly transparent or flat colour, which compress well at any
 * level). Row filter "None": the other filters gained little on map tiles. A tile of at most 256 distinct
 * pixel values (a line layer: one colour at every antialiasing alpha) is written indexed, one byte a pixel
 * with a palette and its alphas: a quarter of the bytes to deflate (a z 12 road tile: 2.6 → 1.3–1.5 ms,
 * 56 → 27 KB); its indexes are written while the palette is gathered, in one pass over the pixels. Deflating
 * is most of what is left (a z 12 facility tile: 2.4 of 2.7 ms); on a sparse synthetic tile level 6 took twice
 * as long for 16% fewer bytes, and Huffman coding alone (no matches) wrote a transparent one 27 times larger.
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
        byte[] raw = new byte[height * (1 + width)];
        Palette palette = Palette.indexing(pixels, width, height, raw);
        return palette != null ? indexed(width, height, raw, palette) : rgba(width, height, pixels);
    }

    private static byte[] rgba(int width, int height, int[] pixels) {
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
        byte[] header = header(width, height);
        header[9] = 6; // colour type: RGBA
        return png(header, raw);
    }

    /** {@code raw}: the rows as {@link Palette#indexing} wrote them. */
    private static byte[] indexed(int width, int height, byte[] raw, Palette palette) {
        byte[] header = header(width, height);
        header[9] = 3; // colour type: palette
        int n = palette.size();
        byte[] rgb = new byte[3 * n];
        byte[] alpha = new byte[n];
        for (int k = 0; k < n; k++) {
            int argb = palette.colour(k);
            rgb[3 * k] = (byte) (argb >>> 16);
            rgb[3 * k + 1] = (byte) (argb >>> 8);
            rgb[3 * k + 2] = (byte) argb;
            alpha[k] = (byte) (argb >>> 24);
        }
        return png(header, raw, "PLTE", rgb, "tRNS", alpha);
    }

    private static byte[] header(int width, int height) {
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample (per index, for a palette)
        return header;
    }

    /** Signature, header, the chunks given as name/data pairs, the deflated rows, end. */
    private static byte[] png(byte[] header, byte[] raw, Object... chunks) {
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 1200);
        out.writeBytes(SIGNATURE);
        chunk(out, "IHDR", header);
        for (int k = 0; k < chunks.length; k += 2) {
            chunk(out, (String) chunks[k], (byte[]) chunks[k + 1]);
        }
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

    /** The distinct pixel values of an image when there are at most 256, each with its index (open addressing). */
    private static final class Palette {
        private static final int SLOTS = 1024; // a power of two, at most a quarter full
        private final int[] keys = new int[SLOTS];
        private final short[] indexes = new short[SLOTS]; // index + 1; 0: empty slot
        private final int[] colours = new int[256];
        private int size;

        /**
         * The palette of {@code pixels}, or null when they hold more than 256 values; meanwhile each row goes into
         * {@code raw} as a PNG scanline of indexes (filter byte "None", one byte a pixel), so an indexed tile's
         * pixels are read once.
         */
        static Palette indexing(int[] pixels, int width, int height, byte[] raw) {
            Palette p = new Palette();
            int last = pixels[0];
            p.add(last);
            byte index = 0;
            int o = 0;
            for (int y = 0; y < height; y++) {
                raw[o++] = 0; // filter: None
                for (int i = y * width, end = i + width; i < end; i++) {
                    int argb = pixels[i];
                    if (argb != last) { // runs of one value (transparent areas, fills) skip the lookup
                        last = argb;
                        int k = p.index(argb);
                        if (k < 0) {
                            if (p.size == 256) {
                                return null;
                            }
                            k = p.size;
                            p.add(argb);
                        }
                        index = (byte) k;
                    }
                    raw[o++] = index;
                }
            }
            return p;
        }

        private static int slot(int argb) {
            return (argb * 0x9E3779B9) >>> 22; // Fibonacci hashing onto 10 bits
        }

        /** The index of {@code argb}, or −1 when it is not in the palette. */
        int index(int argb) {
            for (int s = slot(argb);; s = (s + 1) & (SLOTS - 1)) {
                if (indexes[s] == 0) {
                    return -1;
                }
                if (keys[s] == argb) {
                    return indexes[s] - 1;
                }
            }
        }

        private void add(int argb) {
            int s = slot(argb);
            while (indexes[s] != 0) {
                s = (s + 1) & (SLOTS - 1);
            }
            keys[s] = argb;
            indexes[s] = (short) (size + 1);
            colours[size++] = argb;
        }

        int size() {
            return size;
        }

        int colour(int index) {
            return colours[index];
        }
    }
}
