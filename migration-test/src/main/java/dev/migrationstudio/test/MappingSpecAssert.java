package dev.migrationstudio.test;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link MappingSpec}: start with {@link MappingAssertions#assertThat(MappingSpec)}. */
public final class MappingSpecAssert extends AbstractAssert<MappingSpecAssert, MappingSpec> {

    MappingSpecAssert(MappingSpec actual) {
        super(actual, MappingSpecAssert.class);
    }

    /**
     * The mapping of one source table, found as the spec finds it ({@link MappingSpec#table(String)}).
     *
     * @param source the source table's name
     * @return assertions on the table's mapping; fails, listing the mapped tables, when the spec does not map it
     */
    public TableMappingAssert table(String source) {
        isNotNull();
        TableMapping mapping = actual.table(source).orElse(null);
        if (mapping == null) {
            failWithMessage("Expected spec '%s' to map source table '%s', but it maps only %s", actual.name(), source,
                    actual.tables().stream().map(TableMapping::describe).collect(Collectors.joining(", ", "[", "]")));
        }
        return new TableMappingAssert(mapping);
    }
}
