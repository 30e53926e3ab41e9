package org.greenplan.tiles;

/**
 * A cursor over protocol-buffer bytes (the wire format of vector tiles), enough to walk a message field by
 * field without generated classes: varints, fixed-width numbers, length-delimited sub-messages, skipping.
 */
final class ProtobufReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int end;

    ProtobufReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private ProtobufReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    boolean more() {
        return pos < end;
    }

    /** The next field's key: field number {@code << 3 |} wire type. */
    long tag() {
        return varint();
    }

    long varint() {
        long v = 0;
        for (int shift = 0;; shift += 7) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    /** A zigzag-encoded signed varint (sint32/sint64, and vector tile coordinates). */
    static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    /** {@code bytes} little-endian bytes (4 or 8). */
    long fixed(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (buf[pos++] & 0xffL) << (8 * i);
        }
        return v;
    }

    /** The length-delimited field at the cursor as a reader of its own; the cursor moves past it. */
    ProtobufReader sub() {
        int length = (int) varint();
        ProtobufReader r = new ProtobufReader(buf, pos, pos + length);
        pos += length;
        return r;
    }

    /** What is left of this reader, as UTF-8 text. */
    String string() {
        return new String(buf, pos, end - pos, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Skips a field's value of the wire type in the low 3 bits of {@code tag}. */
    void skip(long tag) {
        switch ((int) (tag & 7)) {
            case VARINT -> varint();
            case FIXED64 -> pos += 8;
            case LENGTH_DELIMITED -> {
                int length = (int) varint(); // not pos += varint(): that would add to pos as it was before the length
                pos += length;
            }
            case FIXED32 -> pos += 4;
            default -> throw new IllegalStateException("wire type " + (tag & 7));
        }
    }
}
