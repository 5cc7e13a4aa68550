package dev.migrationstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.examples.chinook.ChinookV2;
import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.jdbc.TableResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import dev.migrationstudio.verify.TableVerification;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Chinook example (legacy to v2, with its renames, derived columns, filters and self-reference) run
 * by Spark and by {@link JdbcMigrator} from one source into two targets: the targets hold the same rows,
 * the results count the same, and the verification reports find the same.
 */
class ChinookOnSparkTest {
    private static final List<String> V2_TABLES = List.of("artist", "album", "genre", "media_type", "song", "staff",
            "client", "invoice", "invoice_line", "playlist", "playlist_song");

    private static SparkSession spark;
    static volatile TestDatabase legacy;
    static volatile TestDatabase v2;

    /** Chinook to v2 as the example maps it, in chunks of 2,500 rows so that the larger tables have ranges. */
    public static final class ChinookPlan implements SparkPlan {
        @Override
        public MappingSpec spec() {
            return ChinookV2.mapping(JdbcInventory.scan(source()));
        }

        @Override
        public DataSource source() {
            return legacy.dataSource();
        }

        @Override
        public DataSource target() {
            return v2.dataSource();
        }

        @Override
        public JdbcMigrator.Configuration options(JdbcMigrator.Configuration migrator) {
            return migrator.chunkSize(2_500).onBadRow(BadRows.quarantine().upTo(0)).logProgress(false);
        }

        @Override
        public Verifier checks(Verifier verifier) {
            return verifier.rowCounts().checksums().sample(200).chunkSize(1_000);
        }
    }

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.local();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRES"})
    void sparkAndTheJvmEngineProduceTheSameTargetAndTheSameReport(Engine engine) {
        try (TestDatabase source = engine.create("chinook-legacy"); TestDatabase bySpark = engine.create("v2-spark");
             TestDatabase byJvm = engine.create("v2-jvm")) {
            ChinookDataset.load(source.dataSource());
            bySpark.execute(ChinookV2.schema(bySpark.dataSource()).toArray(String[]::new));
            byJvm.execute(ChinookV2.schema(byJvm.dataSource()).toArray(String[]::new));
            legacy = source;
            ChinookPlan plan = new ChinookPlan();

            v2 = bySpark;
            // snippet:start spark
            SparkMigrator migrator = SparkMigrator.configure().session(spark).plan(ChinookPlan.class).load();
            MigrationResult result = migrator.migrate();      // resumable; JdbcMigrator can resume it too
            VerificationReport report = migrator.verify();    // digests summed by the executors
            // snippet:end spark
            MappingSpec spec = plan.spec();
            MigrationResult jvmResult = plan.options(JdbcMigrator.configure().source(source.dataSource())
                    .target(byJvm.dataSource()).spec(spec)).load().migrate();
            VerificationReport jvmReport = plan.checks(Verifier.between(source.dataSource(), byJvm.dataSource())
                    .spec(spec)).verify();

            assertThat(result.isComplete()).isTrue();
            assertThat(result.isBalanced()).isTrue();
            assertThat(result.tables()).extracting(ChinookOnSparkTest::counted)
                    .containsExactlyElementsOf(jvmResult.tables().stream().map(ChinookOnSparkTest::counted).toList());
            for (String table : V2_TABLES) {
                assertThat(rows(bySpark, table)).as(table).isNotEmpty().isEqualTo(rows(byJvm, table));
            }
            assertThat(report.passed()).as(report.summary()).isTrue();
            assertThat(report.tables()).extracting(ChinookOnSparkTest::found)
                    .containsExactlyElementsOf(jvmReport.tables().stream().map(ChinookOnSparkTest::found).toList());
        }
    }

    /** The README's Spark example is this test's code, line for line. */
    @Test
    void theReadmeShowsThisTestsCode() throws IOException {
        String source = Files.readString(Path.of(
                "src/test/java/dev/migrationstudio/spark/ChinookOnSparkTest.java"));
        String region = source.substring(source.indexOf("// snippet:start spark"), source.indexOf("// snippet:end spark"));
        String code = region.lines().skip(1).map(String::strip).collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("../README.md")).lines().map(String::strip)
                .collect(Collectors.joining("\n"));
        assertThat(readme).contains(code);
    }

    /** What a result counts for a table, without times. */
    private static String counted(TableResult table) {
        return table.mapping() + " " + table.status() + " " + table.thisRun() + " " + table.quarantined().size();
    }

    /** What a report found for a table, without times. */
    private static String found(TableVerification table) {
        return table.target() + " " + table.rowCounts() + " " + table.checksums().map(c -> c.sourceDigest() + "/"
                + c.targetDigest() + "/" + c.chunksDiffering()) + " " + table.differingRows() + " " + table.passed();
    }

    private static List<String> rows(TestDatabase db, String table) {
        return db.query("SELECT * FROM " + table + " ORDER BY 1, 2").stream().map(Arrays::toString).toList();
    }
}
