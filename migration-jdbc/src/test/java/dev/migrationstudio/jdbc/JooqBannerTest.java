package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.source.Dialects;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class JooqBannerTest {

    @Test
    void theLibrarysContextsKeepJooqsLogoAndTipsOutOfTheLogsUnlessAsked() {
        Dialects.renderer(SQLDialect.H2);

        assertThat(System.getProperty("org.jooq.no-logo")).isEqualTo("true");
        assertThat(System.getProperty("org.jooq.no-tips")).isEqualTo("true");
    }
}
