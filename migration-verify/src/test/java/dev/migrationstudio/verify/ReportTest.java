package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.report.DocumentFormat;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report reads well as JSON, Markdown and a self-contained HTML page, and fails loudly. */
class ReportTest {

    private static VerificationReport failingReport() {
        try (TestDatabase source = Engine.H2.create("report-source"); TestDatabase target = Engine.H2.create("report-target")) {
            for (TestDatabase db : List.of(source, target)) {
                db.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20), price NUMERIC(8,2))");
            }
            source.execute("INSERT INTO item VALUES (1, 'pen', 1.50), (2, 'ink <blue>', 4.00), (3, 'pad', NULL)");
            target.execute("INSERT INTO item VALUES (1, 'pen', 1.50), (2, 'ink <red>', 4.01)");
            return Verifier.between(source.dataSource(), target.dataSource())
                    .spec(MappingSpec.builder("shop").table("item", t -> t.key("id").field("name").field("price")).build())
                    .parity("count", "SELECT COUNT(*) FROM item", "SELECT COUNT(*) FROM item")
                    .verify();
        }
    }

    @Test
    void writesJsonMarkdownAndHtml(@TempDir Path dir) throws Exception {
        VerificationReport report = failingReport();

        List<Path> files = report.writeTo(dir);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("verification.md", "verification.json", "verification.html");
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("verification.json")));
        assertThat(json.get("passed").asBoolean()).isFalse();
        JsonNode item = json.get("tables").get(0);
        assertThat(item.get("rowCounts").get("targetRows").asLong()).isEqualTo(2);
        assertThat(item.get("discrepancies")).hasSize(2);
        assertThat(item.get("discrepancies").get(0).get("kind").asText()).isEqualTo("CHANGED");
        assertThat(item.get("discrepancies").get(0).get("columns").get(1).get("actual").decimalValue())
                .isEqualByComparingTo("4.01");
        assertThat(item.get("checksums").get("matches").asBoolean()).isFalse();
        assertThat(json.get("parity").get(0).get("passed").asBoolean()).isFalse();
        String markdown = Files.readString(dir.resolve("verification.md"));
        assertThat(markdown).contains("# Verification of shop: FAILED").contains("| CHANGED | id=2 |")
                .contains("| MISSING | id=3 |");
        String html = Files.readString(dir.resolve("verification.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("ink &lt;blue&gt;").doesNotContain("<blue>").doesNotContain("<red>")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").doesNotContain("http");
    }

    @Test
    void assertPassedThrowsWithASummaryNamingTheRows() {
        VerificationReport report = failingReport();

        assertThatThrownBy(report::assertPassed).isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("FAILED")
                .hasMessageContaining("item: changed row id=2: name: expected 'ink <blue>', found 'ink <red>'; price: expected 4,"
                        + " found 4.01")
                .hasMessageContaining("item: missing row id=3")
                .hasMessageContaining("parity 'count'");
    }

    @Test
    void joinsAnEvidencePack() {
        VerificationReport report = failingReport();

        EvidencePack pack = EvidencePack.titled("shop v2").with(report.evidence());

        assertThat(pack.document(VerificationReport.DOCUMENT_NAME, DocumentFormat.HTML)).isPresent();
        assertThat(pack.document(VerificationReport.DOCUMENT_NAME, DocumentFormat.MARKDOWN)).isPresent();
        assertThat(pack.index()).contains("Verification of shop").contains("| Verification verdict | FAILED |");
        assertThat(pack.document(VerificationReport.DOCUMENT_NAME, DocumentFormat.HTML).orElseThrow().content())
                .isEqualTo(report.toHtml());
    }

    @Test
    void eachBadRowIsOneFailureAndNoLineDangles() {
        VerificationReport report = failingReport();

        assertThat(report.failures()).as("two differing rows and a parity check").hasSize(3);
        assertThat(report.failures().get(0)).startsWith("item: changed row id=2");
        assertThat(report.failures().get(1)).startsWith("item: missing row id=3");
        assertThat(report.failures().get(2)).startsWith("parity 'count'");
        assertThat(report.failures()).noneMatch(f -> f.endsWith(":")).noneMatch(f -> f.contains("changed rows:"));
        assertThat(report.summary()).startsWith("Verification of 'shop' FAILED: 1 table (1 failed, 2 differing rows), "
                + "1 parity check (1 failed), in ");
        assertThat(report.toMarkdown()).contains("## Failures (3)");
    }

    @Test
    void timesAreUtcMillisecondsInEveryFormat() {
        VerificationReport report = failingReport();
        String started = dev.migrationstudio.format.Formats.time(report.startedAt());

        assertThat(started).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(report.toMarkdown()).contains("Started: " + started);
        assertThat(report.toHtml()).contains("Started: " + started);
        assertThat(report.toJson()).contains("\"startedAt\": \"" + started + "\"");
    }
}
