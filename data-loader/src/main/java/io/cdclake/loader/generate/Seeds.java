package io.cdclake.loader.generate;

/** Derives independent random streams from one user seed. */
public final class Seeds {

    private Seeds() {}

    /**
     * A well-mixed seed for item {@code index} of stream {@code seed}. Seeding SplittableRandom
     * with {@code seed + index} directly would make neighbouring rows share most of their stream.
     */
    public static long mix(long seed, long index) {
        return murmur(murmur(seed) ^ (index * 0x9E3779B97F4A7C15L));
    }

    private static long murmur(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
