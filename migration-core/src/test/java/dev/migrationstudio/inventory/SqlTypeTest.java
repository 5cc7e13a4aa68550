package dev.migrationstudio.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.inventory.SqlType.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqlTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "VARCHAR(50); VARCHAR(50)",
            "character varying(40); VARCHAR(40)",
            "numeric(10,2); DECIMAL(10,2)",
            "NUMERIC; DECIMAL",
            "int4; INTEGER",
            "int8; BIGINT",
            "smallint; SMALLINT",
            "bool; BOOLEAN",
            "timestamptz; TIMESTAMP WITH TIME ZONE",
            "timestamp without time zone; TIMESTAMP",
            "TIMESTAMP(3); TIMESTAMP(3)",
            "bytea; BLOB",
            "text; TEXT",
            "double precision; DOUBLE",
            "CHARACTER LARGE OBJECT; TEXT",
            "uuid; UUID",
            "money; money",
            "integer[]; integer[]"
    })
    void parsesWhatEnginesWriteIntoStandardSpelling(String text, String rendered) {
        assertThat(SqlType.parse(text).render()).isEqualTo(rendered);
    }

    @Test
    void keepsTheNativeNameButComparesByMeaning() {
        SqlType parsed = SqlType.parse("character varying(40)");

        assertThat(parsed.nativeName()).isEqualTo("character varying");
        assertThat(parsed).isEqualTo(SqlType.varchar(40)).hasSameHashCodeAs(SqlType.varchar(40));
        assertThat(parsed).isNotEqualTo(SqlType.varchar(41));
    }

    @Test
    void unknownTypesBecomeOtherRatherThanFailing() {
        SqlType money = SqlType.parse("money");

        assertThat(money.kind()).isEqualTo(Kind.OTHER);
        assertThat(money).isNotEqualTo(SqlType.parse("xml"));
    }

    @Test
    void answersTheQuestionsRulesAsk() {
        assertThat(SqlType.text().kind().isLob()).isTrue();
        assertThat(SqlType.blob().kind().isBinary()).isTrue();
        assertThat(SqlType.integer().integerMax()).hasValue(Integer.MAX_VALUE);
        assertThat(SqlType.decimal(10, 2).precision()).hasValue(10);
        assertThat(SqlType.decimal(10, 2).scale()).hasValue(2);
        assertThat(SqlType.varchar(5).length()).hasValue(5);
        assertThat(SqlType.integer().length()).isEmpty();
    }

    @Test
    void rejectsImpossibleTypes() {
        assertThatThrownBy(() -> SqlType.decimal(2, 3)).hasMessageContaining("scale must be between 0 and the precision 2");
        assertThatThrownBy(() -> SqlType.varchar(0)).hasMessageContaining("VARCHAR length must be positive");
        assertThatThrownBy(() -> SqlType.parse("(12)")).hasMessageContaining("is not a SQL type");
    }
}
