package dev.migrationstudio.report.internal;

import static dev.migrationstudio.report.internal.DocTrees.object;

import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mapping spec as a document: per table, every target column with its source and rules, drops and filters. */
public final class MappingDoc {

    private MappingDoc() {
    }

    /** The document. */
    public static Doc of(MappingSpec spec) {
        Map<String, Object> data = object("name", spec.name(), "fingerprint", spec.fingerprint(),
                "tables", spec.tables().stream().map(MappingDoc::tableMapping).toList(),
                "acknowledgements", spec.acknowledgements().stream().map(a -> object("table", a.subject(),
                        "kind", a.kind(), "reason", a.reason())).toList());
        return Doc.of("Mapping spec: " + spec.name(), data, body -> {
            body.paragraph(Text.of("Fingerprint: ").andCode(spec.fingerprint()));
            body.table(List.of("Source table", "Target table", "Key", "Fields", "Drops", "Filters"),
                    spec.tables().stream().map(t -> List.of(Text.code(t.source().toString()),
                            Text.code(t.target().toString()),
                            t.isKeyless() ? "none (whole-table reload)" : String.join(", ", t.targetKey()),
                            t.fields().size(), t.drops().size(), t.filters().size())).toList());
            for (TableMapping table : spec.tables()) {
                body.section(Text.code(table.source().toString()).and(" -> ").andCode(table.target().toString()), s -> {
                    table.withoutKeyReason().ifPresent(r -> s.paragraph("No key: the table is reloaded whole. Reason: "
                            + r));
                    List<List<?>> rows = new ArrayList<>();
                    for (FieldMapping field : table.fields()) {
                        List<String> rules = field.rules().stream().map(TransformRule::describe).toList();
                        rows.add(List.of(Text.code(field.target()).and(field.key() ? " (key)" : ""),
                                field.source().map(Text::code).orElse(Text.of("")),
                                rules.isEmpty() ? "copy" : String.join("\n", rules), field.note()));
                    }
                    s.table(List.of("Target column", "Source", "Rules", "Why"), rows);
                    if (!table.drops().isEmpty()) {
                        s.paragraph("Dropped:").bullets(table.drops().stream()
                                .map(d -> Text.code(d.column()).and(": " + d.reason())).toList());
                    }
                    if (!table.filters().isEmpty()) {
                        s.paragraph("Filters (rows not kept are counted as filtered by the rule's name):")
                                .bullets(table.filters().stream().map(f -> f.name() + " (reads "
                                        + String.join(", ", f.reads()) + ")").toList());
                    }
                    if (!table.acknowledgements().isEmpty()) {
                        s.paragraph("Review findings accepted:").bullets(table.acknowledgements().stream()
                                .map(a -> Text.of(a.kind() + " on ").andCode(a.subject()).and(": " + a.reason()))
                                .toList());
                    }
                });
            }
            if (!spec.acknowledgements().isEmpty()) {
                body.section("Review findings accepted for tables without a mapping", s -> s.bullets(
                        spec.acknowledgements().stream().map(a -> Text.of(a.kind() + " on ").andCode(a.subject())
                                .and(": " + a.reason())).toList()));
            }
        });
    }

    private static Map<String, Object> tableMapping(TableMapping table) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", table.source().toString());
        map.put("target", table.target().toString());
        map.put("key", table.targetKey());
        map.put("withoutKeyReason", table.withoutKeyReason());
        map.put("fields", table.fields().stream().map(MappingDoc::field).toList());
        map.put("drops", table.drops().stream().map(d -> object("column", d.column(), "reason", d.reason())).toList());
        map.put("filters", table.filters().stream().map(f -> object("name", f.name(), "reads", f.reads())).toList());
        map.put("acknowledgements", table.acknowledgements().stream().map(a -> object("column", a.subject(),
                "kind", a.kind(), "reason", a.reason())).toList());
        return map;
    }

    private static Map<String, Object> field(FieldMapping field) {
        return object("target", field.target(), "source", field.source(), "key", field.key(),
                "rules", field.rules().stream().map(TransformRule::describe).toList(), "note", field.note());
    }
}
