package dev.migrationstudio.jdbc.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalEncoderTest {

    @Test
    void theRowHashIsGuavasMurmur3() {
        Random random = new Random(42);
        long[] out = new long[2];
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            Murmur3.hash(bytes, length, 0, out);
            ByteBuffer expected = ByteBuffer.wrap(Hashing.murmur3_128().hashBytes(bytes).asBytes())
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertThat(out).as("length %s", length).containsExactly(expected.getLong(), expected.getLong());
        }
    }

    @Test
    void everyNumberHasOneEncodingWhateverItsTypeOrScale() {
        String[][] equal = {{"0", "0.00", "0E+3"}, {"1.50", "1.5", "1.500000"}, {"100", "1E+2", "100.000"},
            {"-0.000120", "-0.00012"}, {"12345678901234567890.123", "12345678901234567890.12300"},
            {"9223372036854775807", "9223372036854775807.0"}, {"1000000000000000000", "1E+18"}};
        for (String[] group : equal) {
            byte[] first = encode(new BigDecimal(group[0]));
            for (String other : group) {
                assertThat(encode(new BigDecimal(other))).as("%s = %s", group[0], other).isEqualTo(first);
            }
        }
        assertThat(encode(7)).isEqualTo(encode(7L)).isEqualTo(encode(new BigDecimal("7.00")));
        assertThat(encode(Long.MAX_VALUE)).isEqualTo(encode(new BigDecimal(Long.MAX_VALUE)))
                .isEqualTo(encode(BigInteger.valueOf(Long.MAX_VALUE)));
        assertThat(encode(1_000_000_000_000_000_000L)).isEqualTo(encode(new BigDecimal("1E+18")));
        assertThat(encode(Long.MIN_VALUE)).isEqualTo(encode(new BigDecimal(Long.MIN_VALUE)));
        assertThat(encode(new BigDecimal("1.5"))).isNotEqualTo(encode(new BigDecimal("15")));
        assertThat(encode(new BigDecimal("-1.5"))).isNotEqualTo(encode(new BigDecimal("1.5")));
        assertThat(encode(new BigDecimal("0.1"))).isNotEqualTo(encode(new BigDecimal("0.01")));
    }

    private static byte[] encode(Object value) {
        CanonicalEncoder encoder = new CanonicalEncoder(12);
        encoder.write(value);
        return encoder.toBytes();
    }

    @Test
    void theSampleRankDependsOnTheSeed() {
        CanonicalEncoder encoder = new CanonicalEncoder(12);
        Object[] key = {42};
        assertThat(encoder.rank(key, 1)).isEqualTo(encoder.rank(key, 1)).isNotEqualTo(encoder.rank(key, 2));
    }
}
