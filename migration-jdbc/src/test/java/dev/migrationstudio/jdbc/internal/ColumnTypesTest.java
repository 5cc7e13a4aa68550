package dev.migrationstudio.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.SqlType;
import org.junit.jupiter.api.Test;

class ColumnTypesTest {

    @Test
    void buildsTypesFromCatalogFacts() {
        assertThat(ColumnTypes.of("character varying", 40L, null, null, null)).isEqualTo(SqlType.varchar(40));
        assertThat(ColumnTypes.of("numeric", null, 10L, 2L, null)).isEqualTo(SqlType.decimal(10, 2));
        assertThat(ColumnTypes.of("int4", null, 32L, 0L, null)).isEqualTo(SqlType.integer());
        assertThat(ColumnTypes.of("timestamptz", null, null, null, 3L).render()).isEqualTo("TIMESTAMP(3) WITH TIME ZONE");
        assertThat(ColumnTypes.of("bpchar", 2L, null, null, null)).isEqualTo(SqlType.character(2));
        assertThat(ColumnTypes.of("int4", null, 32L, 0L, null).nativeName()).isEqualTo("int4");
    }

    @Test
    void theEnginesNoLimitMeansUnbounded() {
        assertThat(ColumnTypes.of("character varying", 1_000_000_000L, null, null, null).length()).isEmpty();
        assertThat(ColumnTypes.of("numeric", null, 100_000L, 0L, null).precision()).isEmpty();
    }

    @Test
    void arraysAndUnknownTypesKeepARecognisableName() {
        assertThat(ColumnTypes.of(ColumnTypes.arrayOf("_int4"), null, null, null, null).render()).isEqualTo("int4[]");
        SqlType odd = ColumnTypes.of("my-type", null, null, null, null);
        assertThat(odd.kind()).isEqualTo(SqlType.Kind.OTHER);
        assertThat(odd.nativeName()).isEqualTo("my_type");
    }
}
