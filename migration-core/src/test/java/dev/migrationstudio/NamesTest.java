package dev.migrationstudio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void findsTheSameNameInAnotherCaseFirstThenNamesAFewEditsAway() {
        List<String> schemas = List.of("PUBLIC", "LEGACY", "LEGACY_ARCHIVE", "billing", "legacy2");

        assertThat(Names.nearMisses("legacy", schemas)).containsExactly("LEGACY", "legacy2");
        assertThat(Names.nearMisses("custmer", List.of("customers", "CUSTOMER", "invoice")))
                .containsExactly("CUSTOMER", "customers");
    }

    @Test
    void findsNothingForUnrelatedOrIdenticalNames() {
        assertThat(Names.nearMisses("track", List.of("invoice", "customer", "track"))).isEmpty();
        assertThat(Names.nearMissHint("track", List.of("invoice"))).isEmpty();
        assertThat(Names.nearMissHint("legacy", List.of("LEGACY", "Legacy"))).isEqualTo("; did you mean LEGACY, Legacy?");
    }

    @Test
    void allowsMoreEditsForLongerNames() {
        assertThat(Names.nearMisses("id", List.of("ix", "idx", "xyz"))).containsExactly("ix", "idx");
        assertThat(Names.nearMisses("invoice_line", List.of("invoiceline", "invoice_lines_x", "line_invoice")))
                .containsExactly("invoiceline", "invoice_lines_x");
    }
}
