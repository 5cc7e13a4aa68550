package dev.migrationstudio.jdbc.compare;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3, x64 128-bit variant, over a byte range, without allocating: the same function as
 * Guava's {@code Hashing.murmur3_128(seed)} (a test holds them equal), written out because row
 * hashing is the verifier's hottest loop and Guava's streaming hasher allocates per call.
 */
final class Murmur3 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {
    }

    /** Hashes {@code bytes[0, length)} with a 32-bit seed into {@code out = [h1, h2]}. */
    @SuppressWarnings("fallthrough") // the tail bytes are mixed by falling through, as the algorithm defines
    static void hash(byte[] bytes, int length, int seed, long[] out) {
        long h1 = seed & 0xFFFFFFFFL;
        long h2 = h1;
        int blocks = length / 16;
        for (int i = 0; i < blocks; i++) {
            long k1 = (long) LONGS.get(bytes, i * 16);
            long k2 = (long) LONGS.get(bytes, i * 16 + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        long k1 = 0;
        long k2 = 0;
        switch (length & 15) {
            case 15: k2 ^= (long) (bytes[tail + 14] & 0xFF) << 48; // fall through
            case 14: k2 ^= (long) (bytes[tail + 13] & 0xFF) << 40; // fall through
            case 13: k2 ^= (long) (bytes[tail + 12] & 0xFF) << 32; // fall through
            case 12: k2 ^= (long) (bytes[tail + 11] & 0xFF) << 24; // fall through
            case 11: k2 ^= (long) (bytes[tail + 10] & 0xFF) << 16; // fall through
            case 10: k2 ^= (long) (bytes[tail + 9] & 0xFF) << 8; // fall through
            case 9: k2 ^= bytes[tail + 8] & 0xFF;
                h2 ^= mixK2(k2); // fall through
            case 8: k1 ^= (long) (bytes[tail + 7] & 0xFF) << 56; // fall through
            case 7: k1 ^= (long) (bytes[tail + 6] & 0xFF) << 48; // fall through
            case 6: k1 ^= (long) (bytes[tail + 5] & 0xFF) << 40; // fall through
            case 5: k1 ^= (long) (bytes[tail + 4] & 0xFF) << 32; // fall through
            case 4: k1 ^= (long) (bytes[tail + 3] & 0xFF) << 24; // fall through
            case 3: k1 ^= (long) (bytes[tail + 2] & 0xFF) << 16; // fall through
            case 2: k1 ^= (long) (bytes[tail + 1] & 0xFF) << 8; // fall through
            case 1: k1 ^= bytes[tail] & 0xFF;
                h1 ^= mixK1(k1);
                break;
            default:
                break;
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        out[0] = h1;
        out[1] = h2;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
