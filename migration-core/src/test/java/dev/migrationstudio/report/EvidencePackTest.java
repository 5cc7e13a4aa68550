package dev.migrationstudio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationstudio.ChinookFixture;
import dev.migrationstudio.InvalidPlanException;
import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.cutover.GateDecision;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Transforms;
import dev.migrationstudio.risk.Likelihood;
import dev.migrationstudio.risk.RiskRules;
import dev.migrationstudio.risk.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidencePackTest {

    private static MigrationPlan plan() {
        Inventory inventory = ChinookFixture.inventory().toBuilder()
                .artifact(Artifact.service("billing-api").owner("payments").reads("invoice", "invoice.total"))
                .build();
        return MigrationPlan.builder("chinook v2")
                .inventory(inventory)
                .risks(RiskRules.standard().assess(inventory).toBuilder()
                        .risk("invoice.total must keep cents | exactly").severity(Severity.HIGH)
                        .likelihood(Likelihood.POSSIBLE).mitigation("verify sums").affects("invoice")
                        .build())
                .mapping(MappingSpec.builder("chinook-to-v2")
                        .table("customer").to("client", t -> t
                                .key("customer_id").to("client_id")
                                .field("email").transform(Transforms.lowerCase()).note("case-insensitive \"logins\"")
                                .drop("fax", "no longer collected"))
                        .build())
                .runbook(Runbook.named("v2 cutover")
                        .step("freeze writes").owner("ops").expect(Duration.ofMinutes(2)).run(ctx -> { })
                        .gate("verification green", "all checks pass", ctx -> GateDecision.go("ok"))
                        .step("switch reads").owner("ops").expect(Duration.ofMinutes(5)).pointOfNoReturn()
                        .build())
                .rollback(RollbackPlan.named("back to legacy").rto(Duration.ofMinutes(15))
                        .step("route reads to legacy").owner("ops").expect(Duration.ofMinutes(3)).build())
                .build();
    }

    @Test
    void rendersEveryPartAsMarkdown() {
        EvidencePack pack = plan().evidencePack();

        String inventory = pack.document("inventory", DocumentFormat.MARKDOWN).orElseThrow().content();
        assertThat(inventory)
                .contains("11 tables, 15,607 rows")
                .contains("1. `artist`\n2. `album`\n")
                .contains("```mermaid\nflowchart LR\n")
                .contains("classDef cycle")
                .contains("- Cycle: employee -> employee via employee.employee_reports_to_fkey")
                .contains("| service | `billing-api` | payments | invoice, invoice.total |");
        assertThat(pack.document("risks", DocumentFormat.MARKDOWN).orElseThrow().content())
                .contains("| **HIGH** |")
                .contains("invoice.total must keep cents \\| exactly")
                .contains("- `artist` before `album`: album has a foreign key to artist");
        assertThat(pack.document("mapping", DocumentFormat.MARKDOWN).orElseThrow().content())
                .contains("## `customer` -> `client`")
                .contains("| `client_id` (key) | `customer_id` | rename customer_id -> client_id | - |")
                .contains("- `fax`: no longer collected");
        assertThat(pack.document("runbook", DocumentFormat.MARKDOWN).orElseThrow().content())
                .contains("**Point of no return: step 'switch reads'.**")
                .contains("| gate | GO/NO-GO: **verification green** |")
                .contains("| 2 | **switch reads** (POINT OF NO RETURN) | ops | 5 min | manual |");
        assertThat(pack.document("rollback", DocumentFormat.MARKDOWN).orElseThrow().content())
                .contains("RTO: **15 min**").contains("before step 'switch reads' (the point of no return)");
        assertThat(pack.document("plan", DocumentFormat.MARKDOWN).orElseThrow().content())
                .contains("| Inventory and risks | 11 tables, 15,607 rows, 1 other artifact;");
    }

    @Test
    void rendersEveryPartAsValidJson() throws Exception {
        EvidencePack pack = plan().evidencePack();
        ObjectMapper json = new ObjectMapper();

        JsonNode inventory = json.readTree(pack.document("inventory", DocumentFormat.JSON).orElseThrow().content());
        JsonNode mapping = json.readTree(pack.document("mapping", DocumentFormat.JSON).orElseThrow().content());
        JsonNode risks = json.readTree(pack.document("risks", DocumentFormat.JSON).orElseThrow().content());
        JsonNode runbook = json.readTree(pack.document("runbook", DocumentFormat.JSON).orElseThrow().content());
        JsonNode rollback = json.readTree(pack.document("rollback", DocumentFormat.JSON).orElseThrow().content());

        assertThat(inventory.get("tables")).hasSize(11);
        assertThat(inventory.get("loadOrder").get(0).asText()).isEqualTo("artist");
        assertThat(inventory.get("cycles").get(0).get("selfReference").asBoolean()).isTrue();
        assertThat(mapping.get("fingerprint").asText()).isEqualTo(plan().mapping().fingerprint());
        assertThat(mapping.at("/tables/0/fields/1/note").asText()).isEqualTo("case-insensitive \"logins\"");
        assertThat(risks.get("risks")).hasSize(2);
        assertThat(runbook.get("pointOfNoReturn").asText()).isEqualTo("switch reads");
        assertThat(runbook.at("/items/1/type").asText()).isEqualTo("gate");
        assertThat(rollback.get("rto").asText()).isEqualTo("PT15M");
        assertThat(rollback.at("/coverage/coveredSteps/0").asText()).isEqualTo("freeze writes");
    }

    @Test
    void writesThePackWithAnIndex(@TempDir Path dir) throws Exception {
        Path index = plan().evidencePack().writeTo(dir);

        assertThat(Files.readString(index))
                .contains("| Inventory | [md](inventory.md) [json](inventory.json) [html](inventory.html) |");
        for (String name : List.of("plan", "inventory", "risks", "mapping", "runbook", "rollback")) {
            for (DocumentFormat format : DocumentFormat.values()) {
                assertThat(dir.resolve(name + "." + format.extension())).as(name + " in " + format).exists();
            }
        }
        assertThat(dir.resolve("index.html")).content().contains("<a href=\"inventory.html\">html</a>");
        assertThat(new ObjectMapper().readTree(Files.readString(dir.resolve("index.json")))
                .at("/signOff/specFingerprint").asText()).isEqualTo(plan().mapping().fingerprint());
    }

    @Test
    void theIndexEndsWithASignOffWithBlankLinesForWhatIsNotKnown() {
        EvidencePack pack = plan().evidencePack();

        String index = pack.index();

        assertThat(index).contains("## Sign-off")
                .contains("| Spec fingerprint | `" + plan().mapping().fingerprint() + "` |")
                .contains("| Verification verdict | ____________________ |")
                .contains("| Environment | ____________________ |")
                .contains("| Date | ____________________ |")
                .contains("| ____________________ | ____________________ | ____________________ | ____________________ |");
    }

    @Test
    void theSignOffNamesTheApproversEnvironmentDateAndVerdictOnceKnown() {
        EvidencePack verification = EvidencePack.titled("verification")
                .signOff(SignOff.blank().verificationVerdict("PASSED"));

        EvidencePack pack = plan().evidencePack().with(verification)
                .signOff(SignOff.blank().environment("production").date(java.time.LocalDate.of(2026, 12, 1))
                        .approver("DBA lead").approver("Product owner"));

        assertThat(pack.signOff().specFingerprint()).contains(plan().mapping().fingerprint());
        assertThat(pack.index()).contains("| Verification verdict | PASSED |").contains("| Environment | production |")
                .contains("| Date | 2026-12-01 |")
                .contains("| DBA lead | ____________________ | ____________________ | ____________________ |")
                .contains("| Product owner |");
    }

    @Test
    void everyPartRendersInEveryFormatFromOneModel() {
        EvidencePack pack = plan().evidencePack();

        for (String name : List.of("plan", "inventory", "risks", "mapping", "runbook", "rollback")) {
            Document markdown = pack.document(name, DocumentFormat.MARKDOWN).orElseThrow();
            Document html = pack.document(name, DocumentFormat.HTML).orElseThrow();
            Document json = pack.document(name, DocumentFormat.JSON).orElseThrow();
            assertThat(html.title()).isEqualTo(markdown.title()).isEqualTo(json.title());
            assertThat(markdown.content()).startsWith("# ");
            assertThat(html.content()).startsWith("<!DOCTYPE html>").contains("<h1>");
            assertThat(json.content()).startsWith("{");
        }
    }

    @Test
    void aRunbookWithOneGateSaysGateNotGates() {
        String runbook = plan().evidencePack().document("runbook", DocumentFormat.MARKDOWN).orElseThrow().content();

        assertThat(runbook).contains("2 steps, 1 go/no-go gate, expected 7 min in total.").doesNotContain("1 go/no-go gates");
    }

    @Test
    void aPlanWhoseMappingReadsTablesOutsideTheInventoryIsRejected() {
        assertThatThrownBy(() -> MigrationPlan.builder("p").inventory(ChinookFixture.inventory())
                .mapping(MappingSpec.builder("m").table("customers", t -> t.key("id")).build()).build())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("mapping customers -> customers reads source table 'customers', "
                        + "which the inventory does not list");
        assertThatThrownBy(() -> MigrationPlan.builder("p").build())
                .hasMessageContaining("it has no inventory").hasMessageContaining("it has no mapping spec");
    }

    @Test
    void documentsAreReplacedByNameAndFormat() {
        EvidencePack pack = EvidencePack.titled("t")
                .with(new Document("a", "A", DocumentFormat.MARKDOWN, "one"))
                .with(new Document("a", "A", DocumentFormat.MARKDOWN, "two"));

        assertThat(pack.documents()).extracting(Document::content).isEqualTo(List.of("two"));
        assertThatThrownBy(() -> new Document("../x", "X", DocumentFormat.JSON, ""))
                .hasMessageContaining("must be letters, digits, - or _");
    }
}
