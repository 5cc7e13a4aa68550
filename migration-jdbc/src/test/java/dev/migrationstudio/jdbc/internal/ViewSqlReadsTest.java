package dev.migrationstudio.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViewSqlReadsTest {

    private static final TableId VIEW = TableId.of("public", "v");
    private static final Map<TableId, List<String>> KNOWN = Map.of(
            TableId.of("public", "customer"), List.of("customer_id", "first_name", "email"),
            TableId.of("public", "invoice"), List.of("invoice_id", "customer_id", "total"),
            TableId.of("public", "Order Lines"), List.of("Order Id", "it\"s"));

    private static Reference column(String table, String column) {
        return new Reference(TableId.of("public", table), Optional.of(column));
    }

    @Test
    void readsQualifiedAliasedAndBareColumnsOfTheTablesInTheQuery() {
        String sql = "SELECT \"c\".\"first_name\", \"public\".\"invoice\".\"total\", \"email\"\n"
                + "FROM \"public\".\"customer\" \"c\" INNER JOIN \"public\".\"invoice\" ON \"invoice\".\"customer_id\" = \"c\".\"customer_id\"";

        assertThat(ViewSqlReads.of(sql, VIEW, KNOWN, '"')).containsExactlyInAnyOrder(
                column("customer", "first_name"), column("customer", "email"), column("customer", "customer_id"),
                column("invoice", "total"), column("invoice", "customer_id"));
    }

    @Test
    void ignoresNamesInsideStringsAndCommentsAndKeepsQuotedQuotes() {
        String sql = "SELECT \"it\"\"s\" FROM \"public\".\"Order Lines\" -- \"email\"\n"
                + "WHERE \"Order Id\" <> '\"public\".\"customer\"' /* \"first_name\" */";

        assertThat(ViewSqlReads.of(sql, VIEW, KNOWN, '"')).containsExactlyInAnyOrder(
                column("Order Lines", "it\"s"), column("Order Lines", "Order Id"));
    }

    @Test
    void aTableReadWithoutNamedColumnsIsAWholeTableRead() {
        assertThat(ViewSqlReads.of("SELECT COUNT(*) FROM \"public\".\"invoice\"", VIEW, KNOWN, '"'))
                .containsExactly(new Reference(TableId.of("public", "invoice"), Optional.empty()));
    }
}
