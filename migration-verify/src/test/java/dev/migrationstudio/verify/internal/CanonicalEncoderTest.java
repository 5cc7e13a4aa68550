package dev.migrationstudio.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
    void numbersAreWrittenAsTheirPlainTextWithoutTrailingZeros() {
        String[] decimals = {"0", "0.00", "1.50", "-1.50", "100", "1E+2", "-0.000120", "123456789012345678",
            "12345678901234567890.123", "0.1", "-7", "1000.000", "5E-3", "9.999999999999999999999"};
        CanonicalEncoder encoder = new CanonicalEncoder(12);
        for (String text : decimals) {
            BigDecimal value = new BigDecimal(text);
            String expected = value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
            encoder.reset().write(value);
            assertThat(numberText(encoder.toBytes())).as(text).isEqualTo(expected);
        }
        for (long value : new long[] {0, 7, -7, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000}) {
            encoder.reset().write(value);
            assertThat(numberText(encoder.toBytes())).isEqualTo(Long.toString(value));
        }
        encoder.reset().write(new BigInteger("123456789012345678901234567890"));
        assertThat(numberText(encoder.toBytes())).isEqualTo("123456789012345678901234567890");
    }

    private static String numberText(byte[] encoded) {
        assertThat(encoded[0]).isEqualTo(CanonicalEncoder.NUMBER);
        int length = ByteBuffer.wrap(encoded, 1, 4).getInt();
        assertThat(encoded).hasSize(5 + length);
        return new String(encoded, 5, length, StandardCharsets.US_ASCII);
    }

    @Test
    void theSampleRankDependsOnTheSeed() {
        CanonicalEncoder encoder = new CanonicalEncoder(12);
        Object[] key = {42};
        assertThat(encoder.rank(key, 1)).isEqualTo(encoder.rank(key, 1)).isNotEqualTo(encoder.rank(key, 2));
    }
}
