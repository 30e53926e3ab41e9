package org.greenplan.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts a zip archive (zipped shapefiles, File Geodatabases, KMZ) into a job directory, refusing
 * anything that could escape it or exhaust the disk: entry names with {@code ..}, absolute paths or drive
 * letters, symbolic links (unix mode in the central directory's external attributes), more than N
 * entries, more uncompressed bytes than allowed in total, and a compression ratio beyond the limit. Sizes
 * are counted on the bytes actually inflated, never taken from the headers.
 */
public final class SafeArchive {

    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    /** Names without the UTF-8 flag: Chinese Windows archivers write GBK, a superset of ASCII. */
    private static final java.nio.charset.Charset LEGACY_NAMES = java.nio.charset.Charset.forName("GB18030");

    private SafeArchive() {
    }

    /** Extracts {@code zip} into {@code dir} (which must exist) and returns the files written. */
    public static List<Path> extract(Path zip, Path dir, ImportSettings limits) throws IOException {
        List<CentralEntry> central = readCentralDirectory(zip, limits.maxArchiveEntries());
        for (CentralEntry e : central) {
            checkName(e.name());
            if (e.isSymlink()) {
                throw new RejectedUploadException("file", "the archive holds a symbolic link ('" + e.name()
                        + "'); links are not accepted");
            }
        }
        long compressed = Math.max(1, Files.size(zip));
        long budget = Math.min(limits.maxUncompressedBytes(),
                (long) Math.min(Long.MAX_VALUE / 2.0, compressed * limits.maxCompressionRatio()) + (1 << 20));
        Path root = dir.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipFile zf = new ZipFile(zip.toFile(), LEGACY_NAMES)) {
            if (zf.size() != central.size()) {
                throw new RejectedUploadException("file", "the zip archive's directory is inconsistent");
            }
            var entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = checkName(entry.getName());
                if (name.startsWith("__MACOSX/") || name.isEmpty()) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new RejectedUploadException("file", "the archive entry '" + entry.getName()
                            + "' points outside the archive");
                }
                if (!seen.add(target.toString().toLowerCase())) {
                    throw new RejectedUploadException("file", "the archive holds '" + entry.getName() + "' twice");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zf.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(target)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > budget) {
                            throw new RejectedUploadException("file", total > limits.maxUncompressedBytes()
                                    ? "the archive expands to more than " + limits.maxUncompressedBytes()
                                            + " bytes (greenplan.import.max-uncompressed-size)"
                                    : "the archive expands more than " + (long) limits.maxCompressionRatio()
                                            + " times its size (a zip bomb?); greenplan.import.max-compression-ratio");
                        }
                        out.write(buffer, 0, n);
                    }
                } catch (java.util.zip.ZipException e) {
                    throw new RejectedUploadException("file", "the zip archive is damaged: " + e.getMessage());
                }
                written.add(target);
            }
        } catch (java.util.zip.ZipException e) {
            throw new RejectedUploadException("file", "not a readable zip archive: " + e.getMessage());
        }
        return written;
    }

    /** Normalises an entry name to forward slashes and refuses absolute, drive-letter and parent paths. */
    static String checkName(String raw) {
        String name = raw.replace('\\', '/');
        if (name.indexOf('\0') >= 0 || name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new RejectedUploadException("file", "the archive entry '" + raw + "' has an absolute path");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new RejectedUploadException("file", "the archive entry '" + raw
                        + "' climbs out of the archive ('..')");
            }
        }
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        return name;
    }

    record CentralEntry(String name, int madeBy, long externalAttributes) {
        boolean isSymlink() {
            int host = madeBy >>> 8;
            int mode = (int) (externalAttributes >>> 16) & 0xFFFF;
            // unix (3) and macOS (19) hosts store st_mode in the high half of the external attributes
            return (host == 3 || host == 19) && (mode & S_IFMT) == S_IFLNK;
        }
    }

    /**
     * Reads names and external attributes from the zip's central directory (java.util.zip does not expose
     * the attributes). Handles zip64 end records.
     */
    static List<CentralEntry> readCentralDirectory(Path zip, int maxEntries) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "r")) {
            long length = f.length();
            int tail = (int) Math.min(length, 65535 + 22);
            byte[] end = new byte[tail];
            f.seek(length - tail);
            f.readFully(end);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (u32(end, i) == 0x06054b50L) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new RejectedUploadException("file", "not a zip archive (no central directory)");
            }
            long entries = u16(end, eocd + 10);
            long cenSize = u32(end, eocd + 12);
            long cenOffset = u32(end, eocd + 16);
            if (entries == 0xFFFF || cenSize == 0xFFFFFFFFL || cenOffset == 0xFFFFFFFFL) {
                int locator = eocd - 20;
                if (locator < 0 || u32(end, locator) != 0x07064b50L) {
                    throw new RejectedUploadException("file", "damaged zip64 archive");
                }
                long recordOffset = u64(end, locator + 8);
                byte[] record = new byte[56];
                f.seek(recordOffset);
                f.readFully(record);
                if (u32(record, 0) != 0x06064b50L) {
                    throw new RejectedUploadException("file", "damaged zip64 archive");
                }
                entries = u64(record, 32);
                cenSize = u64(record, 40);
                cenOffset = u64(record, 48);
            }
            if (entries > maxEntries) {
                throw new RejectedUploadException("file", "the archive holds " + entries + " entries; at most "
                        + maxEntries + " are accepted (greenplan.import.max-archive-entries)");
            }
            if (cenOffset + cenSize > length || cenSize > Integer.MAX_VALUE) {
                throw new RejectedUploadException("file", "the zip archive's directory is damaged");
            }
            byte[] cen = new byte[(int) cenSize];
            f.seek(cenOffset);
            f.readFully(cen);
            List<CentralEntry> out = new ArrayList<>();
            int p = 0;
            while (p + 46 <= cen.length && u32(cen, p) == 0x02014b50L) {
                int madeBy = (int) u16(cen, p + 4);
                int flags = (int) u16(cen, p + 8);
                int nameLength = (int) u16(cen, p + 28);
                int extraLength = (int) u16(cen, p + 30);
                int commentLength = (int) u16(cen, p + 32);
                long external = u32(cen, p + 38);
                if (p + 46 + nameLength > cen.length) {
                    break;
                }
                String name = new String(cen, p + 46, nameLength, (flags & 0x800) != 0 ? StandardCharsets.UTF_8
                        : LEGACY_NAMES);
                out.add(new CentralEntry(name, madeBy, external));
                if (out.size() > maxEntries) {
                    throw new RejectedUploadException("file", "the archive holds more than " + maxEntries
                            + " entries (greenplan.import.max-archive-entries)");
                }
                p += 46 + nameLength + extraLength + commentLength;
            }
            if (out.size() != entries) {
                throw new RejectedUploadException("file", "the zip archive's directory is damaged");
            }
            return out;
        }
    }

    private static long u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return u16(b, i) | u16(b, i + 2) << 16;
    }

    private static long u64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }
}
