package dev.migrationstudio.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.TableMapping;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithScratchTarget(schema = "/scratch/v2-schema.sql")
class ScratchTargetTest {

    private static final TableMapping CUSTOMER = Specs.SHOP.table("customer").orElseThrow();
    private static final TableMapping INVOICE = Specs.SHOP.table("invoice").orElseThrow();

    @Test
    void givesEachTestTheTargetSchema(ScratchTarget v2) throws Exception {
        assertThat(v2.count("client")).isZero();
        try (Connection connection = v2.dataSource().getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, "invoice", null)) {
            assertThat(tables.next()).as("invoice table").isTrue();
        }
    }

    @Test
    void loadsWhatTheMappingProducesAndLeavesOutFilteredRows(ScratchTarget v2) {
        int clients = v2.load(CUSTOMER, List.of(Row.of("customer_id", 1, "first_name", " Ann ", "email", "A@B.C",
                "fax", null)));
        int invoices = v2.load(INVOICE, List.of(Row.of("invoice_id", 1, "customer_id", 1, "total", new BigDecimal("12.5")),
                Row.of("invoice_id", 2, "customer_id", 1, "total", new BigDecimal("0"))));

        assertThat(clients).isEqualTo(1);
        assertThat(invoices).isEqualTo(1);
        assertThat(v2.count("invoice")).isEqualTo(1);
    }

    @Test
    void namesTheRowTheTargetSchemaRefusesAndKeepsNothing(ScratchTarget v2) {
        assertThatThrownBy(() -> v2.load(INVOICE, List.of(Row.of("invoice_id", 3, "customer_id", 1, "total", new BigDecimal("1")),
                Row.of("invoice_id", 4, "customer_id", 99, "total", new BigDecimal("5")))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("target table invoice refused")
                .hasMessageContaining("invoice_id=3");
        assertThat(v2.count("invoice")).isZero();
    }

    @Test
    @WithScratchTarget
    void aMethodsAnnotationWinsOverTheClasss(ScratchTarget empty) {
        assertThatThrownBy(() -> empty.count("client")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot count the rows of client");
    }

    @Test
    void aMissingScriptIsNamed() {
        assertThatThrownBy(() -> ScratchTarget.create("missing", new String[] {"/no/such.sql"}, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("schema script /no/such.sql is not on the class path");
    }
}
