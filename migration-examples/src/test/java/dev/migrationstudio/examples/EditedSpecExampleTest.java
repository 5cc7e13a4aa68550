package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's examples of an edited and a renamed spec. */
class EditedSpecExampleTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRenamedSpecResumesOnTheRowsItsFormerNameLoaded(Engine engine) {
        try (TestDatabase legacy = engine.create("renamed"); TestDatabase v2 = engine.create("renamed-v2")) {
            MigrateExampleTest.createShop(legacy, v2);
            MappingSpec spec = QuickStartPlan.plan().mapping();
            JdbcMigrator.configure().source(legacy.dataSource()).target(v2.dataSource()).spec(spec).logProgress(false)
                    .load().migrate();
            MappingSpec renamed = spec.renamed("shop-to-v2-clients");

            MigrationResult result = EditedSpecExample.renamed(legacy.dataSource(), v2.dataSource(), renamed);

            assertThat(result.tables()).extracting(t -> t.thisRun().read()).containsOnly(0L);
            assertThat(result.tables()).extracting(TableResult::total).allMatch(c -> c.isBalanced() && c.read() > 0);
            assertThat(EditedSpecExample.edited(legacy.dataSource(), v2.dataSource(), renamed).tables())
                    .extracting(t -> t.thisRun().read()).containsOnly(0L);
            assertThat(Verifier.between(legacy.dataSource(), v2.dataSource()).spec(renamed).checksums().verify()
                    .passed()).isTrue();
        }
    }

    @Test
    void theReadmeShowsTheExamplesAsCompiled() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/migrationstudio/examples/EditedSpecExample.java"));

        assertThat(Files.readString(Path.of("../README.md"))).contains(ReadmeSnippets.region(source, "edited-spec"))
                .contains(ReadmeSnippets.region(source, "renamed-spec"));
    }
}
