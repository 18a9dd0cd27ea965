package io.exposureguard.edge.probe;

import java.io.ByteArrayOutputStream;

/** Integers and byte strings of binary wire protocols (PostgreSQL is big-endian, MySQL little-endian). */
final class WireBytes {

    private WireBytes() {
    }

    static byte[] int32(int value) {
        return new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The big-endian 32-bit integer at {@code offset}. */
    static int int32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8 | bytes[offset + 3] & 0xff;
    }

    /** The little-endian unsigned integer of {@code width} bytes (at most 4) at {@code offset}. */
    static long uintLe(byte[] bytes, int offset, int width) {
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = value << 8 | bytes[offset + i] & 0xff;
        }
        return value;
    }

    /** {@code value} as {@code width} little-endian bytes. */
    static byte[] le(long value, int width) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> 8 * i);
        }
        return bytes;
    }

    /** A string as a big-endian 2-byte length and its UTF-8 bytes (Kafka's {@code STRING}, CQL's {@code [string]}). */
    static byte[] shortString(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return concat(new byte[]{(byte) (bytes.length >>> 8), (byte) bytes.length}, bytes);
    }

    /** The string {@link #shortString} writes, read at the buffer's position; null when the buffer does not hold one whole. */
    static String readShortString(java.nio.ByteBuffer in) {
        if (in.remaining() < 2) {
            return null;
        }
        int length = in.getShort() & 0xffff;
        if (length > in.remaining()) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
