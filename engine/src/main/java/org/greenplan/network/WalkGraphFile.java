package org.greenplan.network;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.greenplan.geo.GaussKrugerZone;

/**
 * A {@link WalkGraph} on disk: its primitive arrays one after another, big-endian, as GraphHopper stores its
 * graph, so loading a city is one read of a 40 MB file into the arrays (no parsing, no noding) instead of
 * streaming half a million roads from the database and building for tens of seconds.
 *
 * <pre>
 * magic "GPWALK" + format (2 bytes)  provenance (UTF)  zone (int)
 * roadsUsed, roadsNotWalkable, componentsKept, componentsDropped (int)  minComponentMetres, droppedMetres (double)
 * n (int)  nodeX[n], nodeY[n] (double)
 * m (int)  edgeSource[m], edgeTarget[m] (int)  edgeLength[m] (double)  geomOffset[m+1] (int)
 * g (int)  geomX[g], geomY[g] (double)
 * CRC-32 of everything before (long)
 * </pre>
 *
 * <p>The provenance says what the graph was built from (road layer versions, builder fingerprint); a file
 * whose provenance differs from the one asked for, of another format, truncated, or failing its checksum is
 * not trusted: {@link #read} returns null and the caller builds afresh. Writing goes to a temporary file
 * that is moved into place, so a crash mid-write never leaves a half file under the real name.
 */
public final class WalkGraphFile {

    private static final byte[] MAGIC = "GPWALK".getBytes(StandardCharsets.US_ASCII);
    /** Bump when the layout changes: files of other formats are rebuilt, not read. */
    static final short FORMAT = 1;

    private WalkGraphFile() {
    }

    /** Writes the graph (atomically: a temporary file moved into place). */
    public static void write(WalkGraph g, String provenance, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            CRC32 crc = new CRC32();
            try (OutputStream raw = Files.newOutputStream(tmp);
                    CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc);
                    DataOutputStream out = new DataOutputStream(checked)) {
                out.write(MAGIC);
                out.writeShort(FORMAT);
                out.writeUTF(provenance);
                out.writeInt(g.zone().zone());
                GraphStats s = g.stats();
                out.writeInt(s.roadsUsed());
                out.writeInt(s.roadsNotWalkable());
                out.writeInt(s.componentsKept());
                out.writeInt(s.componentsDropped());
                out.writeDouble(s.minComponentMetres());
                out.writeDouble(s.droppedKm() * 1000);
                writeDoubles(out, g.nodeX, true);
                writeDoubles(out, g.nodeY, false);
                writeInts(out, g.edgeSource, true);
                writeInts(out, g.edgeTarget, false);
                writeDoubles(out, g.edgeLength, false);
                writeInts(out, g.geomOffset, false);
                writeDoubles(out, g.geomX, true);
                writeDoubles(out, g.geomY, false);
                out.flush();
                new DataOutputStream(raw).writeLong(crc.getValue()); // after the checked part, not in it
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The graph stored in the file, or null when there is no file or it cannot be trusted: another
     * provenance or format, truncated, or a checksum that does not match.
     */
    public static WalkGraph read(Path file, String provenance) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        long start = System.nanoTime();
        ByteBuffer b;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MAGIC.length + 2 + 8 || size > Integer.MAX_VALUE) {
                return null;
            }
            b = ByteBuffer.allocate((int) size); // one read of the whole file, then bulk copies into the arrays
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read on
            }
            if (b.hasRemaining()) {
                return null;
            }
        }
        b.flip();
        CRC32 crc = new CRC32();
        crc.update(b.duplicate().limit(b.limit() - 8));
        if (crc.getValue() != b.getLong(b.limit() - 8)) {
            return null;
        }
        try {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || b.getShort() != FORMAT) {
                return null;
            }
            int utf = Short.toUnsignedInt(b.getShort());
            byte[] text = new byte[utf];
            b.get(text);
            // writeUTF is modified UTF-8; provenance strings are plain, so standard UTF-8 decodes them the same
            if (!new String(text, StandardCharsets.UTF_8).equals(provenance)) {
                return null;
            }
            GaussKrugerZone zone = GaussKrugerZone.of(b.getInt());
            int roadsUsed = b.getInt();
            int notWalkable = b.getInt();
            int kept = b.getInt();
            int dropped = b.getInt();
            double minComponent = b.getDouble();
            double droppedMetres = b.getDouble();
            double[] nodeX = doubles(b);
            double[] nodeY = doubles(b, nodeX.length);
            int[] src = ints(b);
            int[] tgt = ints(b, src.length);
            double[] len = doubles(b, src.length);
            int[] geomOffset = ints(b, src.length + 1);
            double[] gx = doubles(b);
            double[] gy = doubles(b, gx.length);
            if (b.remaining() != 8 || !consistent(nodeX.length, src, tgt, geomOffset, gx.length)) {
                return null;
            }
            var draft = new WalkGraph.StatsDraft(roadsUsed, notWalkable, kept, dropped, droppedMetres, minComponent,
                    start);
            return new WalkGraph(zone, nodeX, nodeY, src, tgt, len, geomOffset, gx, gy, draft);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Ids in range and offsets ascending: a file that passed its checksum but was written wrong is still refused. */
    private static boolean consistent(int nodes, int[] src, int[] tgt, int[] geomOffset, int points) {
        for (int e = 0; e < src.length; e++) {
            if (src[e] < 0 || src[e] >= nodes || tgt[e] < 0 || tgt[e] >= nodes
                    || geomOffset[e + 1] < geomOffset[e] + 2) {
                return false;
            }
        }
        return geomOffset[0] == 0 && geomOffset[src.length] == points;
    }

    private static void writeDoubles(DataOutputStream out, double[] a, boolean withLength) throws IOException {
        if (withLength) {
            out.writeInt(a.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(8 * 8192);
        for (int i = 0; i < a.length; i += 8192) {
            int n = Math.min(8192, a.length - i);
            buf.clear();
            buf.asDoubleBuffer().put(a, i, n);
            out.write(buf.array(), 0, 8 * n);
        }
    }

    private static void writeInts(DataOutputStream out, int[] a, boolean withLength) throws IOException {
        if (withLength) {
            out.writeInt(a.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * 8192);
        for (int i = 0; i < a.length; i += 8192) {
            int n = Math.min(8192, a.length - i);
            buf.clear();
            buf.asIntBuffer().put(a, i, n);
            out.write(buf.array(), 0, 4 * n);
        }
    }

    private static double[] doubles(ByteBuffer b) {
        return doubles(b, b.getInt());
    }

    private static double[] doubles(ByteBuffer b, int n) {
        if (n < 0 || n > b.remaining() / 8) {
            throw new IllegalArgumentException("array longer than the file");
        }
        double[] a = new double[n];
        b.asDoubleBuffer().get(a);
        b.position(b.position() + 8 * n);
        return a;
    }

    private static int[] ints(ByteBuffer b) {
        return ints(b, b.getInt());
    }

    private static int[] ints(ByteBuffer b, int n) {
        if (n < 0 || n > b.remaining() / 4) {
            throw new IllegalArgumentException("array longer than the file");
        }
        int[] a = new int[n];
        b.asIntBuffer().get(a);
        b.position(b.position() + 4 * n);
        return a;
    }
}
