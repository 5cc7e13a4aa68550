package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.report.DocumentFormat;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.testing.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's verification example, compiled and run on Chinook migrated to v2. */
class ReadmeExampleTest {

    static VerificationReport verify(DataSource legacy, DataSource v2, MappingSpec spec, Inventory intendedV2Schema,
                                     Path out, EvidencePack evidence) {
        // snippet:start verify
        VerificationReport report = Verifier.between(legacy, v2)
                .spec(spec)
                .rowCounts().checksums().sample(1_000).constraints()
                .intendedTarget(intendedV2Schema)
                .parity(ParityCheck.of("revenue by country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country").tolerance(0.005))
                .parity(ParityCheck.of("top clients",
                        "SELECT customer_id, SUM(total) FROM invoice GROUP BY customer_id ORDER BY 2 DESC, 1 LIMIT 5",
                        "SELECT client_id, SUM(total) FROM invoice GROUP BY client_id ORDER BY 2 DESC, 1 LIMIT 5")
                        .ordered())
                .verify();

        report.writeTo(out);                                     // verification.json, .md and .html
        EvidencePack pack = evidence.with(report.evidence());    // or add report.documents() one by one
        report.assertPassed();                                   // throws, naming every differing row
        // snippet:end verify
        assertThat(pack.document(VerificationReport.DOCUMENT_NAME, DocumentFormat.HTML)).isPresent();
        return report;
    }

    @Test
    void theReadmeExampleVerifiesChinookMigratedToV2(@TempDir Path dir) throws Exception {
        try (ChinookV2.Migrated db = new ChinookV2.Migrated(Engine.H2, Engine.H2)) {
            VerificationReport report = verify(db.sourcePool, db.targetPool, ChinookV2.spec(),
                    ChinookV2.intendedTarget(), dir, EvidencePack.titled("chinook v2"));

            assertThat(report.passed()).isTrue();
            assertThat(Files.readString(dir.resolve("verification.md"))).contains("PASSED");

            db.target.execute("UPDATE invoice SET total = total + 0.01 WHERE invoice_id = 7");
            assertThatThrownBy(() -> verify(db.sourcePool, db.targetPool, ChinookV2.spec(), ChinookV2.intendedTarget(),
                    dir, EvidencePack.titled("chinook v2")))
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("invoice: changed row invoice_id=7: total: expected 1.98, found 1.99");
        }
    }

    @Test
    void theReadmeShowsTheExampleAsCompiled() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/migrationstudio/verify/ReadmeExampleTest.java"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).as("README.md must show the verification example exactly as it compiles here")
                .contains(region(source, "verify"));
        String pushdown = Files.readString(Path.of("src/test/java/dev/migrationstudio/verify/PushdownTest.java"));
        assertThat(readme).as("README.md must show the pushdown example exactly as it compiles in PushdownTest")
                .contains(region(pushdown, "pushdown"));
    }

    /** The lines between the snippet markers, de-indented. */
    static String region(String source, String name) {
        List<String> lines = Arrays.asList(source.split("\n", -1));
        int start = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// snippet:start " + name)).findFirst()
                .orElseThrow()) + 1;
        int end = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// snippet:end " + name)).findFirst()
                .orElseThrow());
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }
}
