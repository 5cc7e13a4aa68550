package dev.migrationstudio.test;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.RowResult;
import dev.migrationstudio.mapping.TableMapping;

/**
 * Entry point of the mapping assertions, meant for {@code import static}:
 *
 * <pre>{@code
 * assertThat(spec).table("customer")
 *     .given(Row.of("customer_id", 1, "first_name", " Luís ", ...))
 *     .loads("client_id", 1, "given_name", "Luís");
 * assertThat(spec).table("invoice").given(invoice).isRejectedAt("total").withReasonContaining("decimal places");
 * assertThat(spec).table("invoice").given(zeroInvoice).isFilteredBy("no zero invoices");
 * }</pre>
 *
 * <p>A filter, derive or converter whose code throws (anything other than
 * {@link dev.migrationstudio.mapping.RejectedValueException}) fails every assertion with that
 * exception as the cause: a bug in the rule is never taken for a rejected row.
 */
public final class MappingAssertions {

    private MappingAssertions() {
    }

    /**
     * Assertions on a whole spec; pick a table with {@link MappingSpecAssert#table}.
     *
     * @param spec the spec under test; a null spec fails the first assertion
     * @return assertions on the spec
     */
    public static MappingSpecAssert assertThat(MappingSpec spec) {
        return new MappingSpecAssert(spec);
    }

    /**
     * Assertions on one table mapping.
     *
     * @param mapping the table mapping under test; a null mapping fails the first assertion
     * @return assertions on the table mapping
     */
    public static TableMappingAssert assertThat(TableMapping mapping) {
        return new TableMappingAssert(mapping);
    }

    /**
     * Assertions on what a mapping made of one row.
     *
     * @param result the outcome of {@link TableMapping#apply} for one row; a null result fails the first assertion
     * @return assertions on the outcome
     */
    public static RowResultAssert assertThat(RowResult result) {
        return new RowResultAssert(result, "row");
    }
}
