package dev.migrationstudio.jdbc.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {
    private final CanonicalEncoder encoder = new CanonicalEncoder(12);

    private Digest of(List<Object[]> rows) {
        Digest.Sum sum = new Digest.Sum();
        rows.forEach(r -> sum.add(encoder.hash(r)));
        return sum.digest();
    }

    @Test
    void aDuplicatedRowChangesTheDigestWhereAnXorWouldCancel() {
        Object[] a = {1, "a"};
        Object[] b = {2, "b"};
        assertThat(of(List.of(a, b, b, b))).isNotEqualTo(of(List.of(a, b)));
        assertThat(of(List.of(a, a))).isNotEqualTo(of(List.of()));
    }

    @Test
    void rowOrderDoesNotMatter() {
        Object[] a = {1, "a"};
        Object[] b = {2, "b"};
        assertThat(of(List.of(a, b))).isEqualTo(of(List.of(b, a)));
    }

    @Test
    void swappingValuesBetweenRowsChangesTheDigest() {
        assertThat(of(List.of(new Object[] {1, "x"}, new Object[] {2, "y"})))
                .isNotEqualTo(of(List.of(new Object[] {1, "y"}, new Object[] {2, "x"})));
    }
}
