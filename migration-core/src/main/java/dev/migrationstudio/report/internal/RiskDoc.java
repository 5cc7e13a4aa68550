package dev.migrationstudio.report.internal;

import static dev.migrationstudio.report.internal.DocTrees.object;

import dev.migrationstudio.report.Doc;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.Text;
import dev.migrationstudio.risk.Likelihood;
import dev.migrationstudio.risk.Risk;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The risk register as a document: a severity x likelihood matrix, risks by score, ordering constraints. */
public final class RiskDoc {

    private RiskDoc() {
    }

    /** The document. */
    public static Doc of(RiskRegister register) {
        Map<String, Object> data = object("risks", register.sortedByScore().stream().map(RiskDoc::risk).toList(),
                "orderingConstraints", register.orderingConstraints().stream().map(c -> object(
                        "first", c.first(), "then", c.then(), "reason", c.reason())).toList());
        return Doc.of("Risk register", data, body -> {
            long automatic = register.risks().stream().filter(Risk::isAutomatic).count();
            body.paragraph(Formats.plural(register.risks().size(), "risk") + ": " + automatic
                    + " found by the automatic rules, " + (register.risks().size() - automatic) + " declared.");
            List<String> header = new ArrayList<>(List.of("Severity \\ Likelihood"));
            for (Likelihood likelihood : Likelihood.values()) {
                header.add(likelihood.name());
            }
            List<List<?>> matrix = new ArrayList<>();
            Map<Severity, Map<Likelihood, Integer>> cells = register.matrix();
            for (int s = Severity.values().length - 1; s >= 0; s--) {
                Severity severity = Severity.values()[s];
                List<Object> row = new ArrayList<>(List.of(Text.strong(severity.name())));
                for (Likelihood likelihood : Likelihood.values()) {
                    int n = cells.get(severity).get(likelihood);
                    row.add(n == 0 ? "." : n + " (score " + severity.weight() * likelihood.weight() + ")");
                }
                matrix.add(row);
            }
            body.section("Severity x likelihood", s -> s
                    .paragraph("Counts of risks; the score of a cell is severity (1-4) x likelihood (1-5).")
                    .table(header, matrix));
            List<List<?>> rows = new ArrayList<>();
            for (Risk risk : register.sortedByScore()) {
                rows.add(List.of(risk.id(), risk.score(), risk.severity(), risk.likelihood(), risk.title(),
                        String.join(", ", risk.affects()), String.join(", ", risk.blastRadius()),
                        risk.downtimeEstimate().map(Formats::duration).orElse(""),
                        risk.isMitigated() ? Text.of(risk.mitigation()) : Text.strong("none yet"),
                        risk.rule().map(r -> "rule " + r).orElse("declared")));
            }
            body.section("Risks by score", s -> s.table(List.of("ID", "Score", "Severity", "Likelihood", "Risk",
                    "Affects", "Blast radius", "Downtime", "Mitigation", "Source"), rows));
            if (!register.orderingConstraints().isEmpty()) {
                body.section("Ordering constraints", s -> s.bullets(register.orderingConstraints().stream()
                        .map(c -> Text.code(c.first()).and(" before ").andCode(c.then())
                                .and(c.reason().isBlank() ? "" : ": " + c.reason())).toList()));
            }
        });
    }

    private static Map<String, Object> risk(Risk risk) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", risk.id());
        map.put("title", risk.title());
        map.put("severity", risk.severity());
        map.put("likelihood", risk.likelihood());
        map.put("score", risk.score());
        map.put("mitigation", risk.mitigation());
        map.put("affects", risk.affects());
        map.put("rule", risk.rule());
        map.put("blastRadius", risk.blastRadius());
        map.put("downtimeEstimate", risk.downtimeEstimate());
        return map;
    }
}
