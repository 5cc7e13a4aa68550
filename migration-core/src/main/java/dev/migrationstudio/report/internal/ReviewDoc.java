package dev.migrationstudio.report.internal;

import static dev.migrationstudio.report.internal.DocTrees.object;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.report.Blocks;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.Text;
import dev.migrationstudio.review.ColumnProfile;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.KeyProfile;
import dev.migrationstudio.review.Loss;
import dev.migrationstudio.review.MappingProfile;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.TableProfile;
import dev.migrationstudio.review.ValueExample;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mapping review as a document: the verdict, blockers with measured numbers and fixes,
 * acknowledged findings with their reasons, warnings, notes, and what was measured in each source
 * table. Each section's count is the number of rows it lists, the same numbers as the verdict.
 */
public final class ReviewDoc {

    private ReviewDoc() {
    }

    /** The document. */
    public static Doc of(MappingReview review) {
        List<Finding> warnings = open(review.warnings());
        List<Finding> notes = open(review.notes());
        return Doc.of("Mapping review: " + review.specName(), tree(review, warnings, notes), body -> {
            Text intro = Text.of("Spec fingerprint: ").andCode(review.specFingerprint()).and(". ");
            if (review.measured()) {
                long rows = review.profiles().stream().mapToLong(TableProfile::rows).sum();
                Duration time = review.profiles().stream().map(TableProfile::elapsed).reduce(Duration.ZERO, Duration::plus);
                intro = intro.and("Source data measured: " + Formats.plural(review.profiles().size(), "table") + ", "
                        + Formats.plural(rows, "row") + " read in " + Formats.duration(time) + ".");
            } else {
                intro = intro.and("Source data not measured: findings that depend on the data say so.");
            }
            body.paragraph(intro).paragraph(Text.strong(review.summary()));
            findingTable(body, "Blockers", review.blockers(), false);
            findingTable(body, "Acknowledged", review.acknowledged(), true);
            findingTable(body, "Warnings", warnings, false);
            findingTable(body, "Notes", notes, false);
            if (review.measured()) {
                body.section("Measured source data", s -> review.profiles().forEach(p -> profileDetail(s, p)));
            }
        });
    }

    /** The findings a person still has to act on: those the spec does not acknowledge. */
    private static List<Finding> open(List<Finding> findings) {
        return findings.stream().filter(f -> !f.isAcknowledged()).toList();
    }

    private static void findingTable(Blocks out, String title, List<Finding> findings, boolean acknowledged) {
        if (findings.isEmpty()) {
            return;
        }
        List<List<?>> rows = new ArrayList<>();
        int number = 0;
        for (Finding f : findings) {
            number++;
            String rowsAffected = f.affectedRows().isPresent() ? Formats.count(f.affectedRows().getAsLong()) : "";
            rows.add(List.of(number, f.kind().title() + (acknowledged && f.severity() != FindingSeverity.BLOCKER
                            ? " (" + f.severity() + ")" : ""), Text.code(f.location()), f.message(), rowsAffected,
                    acknowledged ? f.acknowledgement().orElse("") : f.fix()));
        }
        out.section(title + " (" + findings.size() + ")", s -> s.table(List.of("#", "Kind", "Location", "Finding",
                "Rows", acknowledged ? "Reason accepted" : "Suggested fix"), rows));
    }

    private static void profileDetail(Blocks out, TableProfile profile) {
        out.section(Text.code(profile.table().toString()), s -> {
            s.paragraph(Formats.plural(profile.rows(), "row") + " read in " + Formats.duration(profile.elapsed()) + ".");
            List<List<?>> rows = new ArrayList<>();
            for (ColumnProfile c : profile.columns()) {
                rows.add(List.of(Text.code(c.column()), Formats.count(c.nulls()),
                        c.maxLength().isPresent() ? Formats.count(c.maxLength().getAsLong()) : "",
                        c.min().map(BigDecimal::toPlainString).orElse(""),
                        c.max().map(BigDecimal::toPlainString).orElse(""),
                        c.maxIntegerDigits().isPresent() ? String.valueOf(c.maxIntegerDigits().getAsInt()) : "",
                        c.maxScale().isPresent() ? String.valueOf(c.maxScale().getAsInt()) : "",
                        c.earliest().map(Object::toString).orElse(""), c.latest().map(Object::toString).orElse("")));
            }
            s.table(List.of("Column", "NULLs", "Longest", "Min", "Max", "Integer digits", "Decimals used", "Earliest",
                    "Latest"), rows);
            List<Text> items = new ArrayList<>();
            for (KeyProfile key : profile.keys()) {
                items.add(Text.of("Key (" + String.join(", ", key.columns()) + "): ")
                        .and(key.guaranteedBy().map(g -> Text.of("unique by constraint ").andCode(g))
                                .orElse(Text.of(Formats.count(key.distinct()) + " distinct, "
                                        + Formats.plural(key.duplicateRows(), "row") + " repeating "
                                        + Formats.plural(key.duplicateValues(), "value")))));
            }
            for (MappingProfile mapping : profile.mappings()) {
                items.add(Text.of("Mapping ").andCode(mapping.source() + " -> " + mapping.target()).and(": "
                        + Formats.count(mapping.rowsKept()) + " of " + Formats.plural(mapping.rows(), "row")
                        + " kept by the filters" + (mapping.filtered().isEmpty() ? ""
                        : " (filtered: " + mapping.filtered() + ")")));
            }
            s.bullets(items);
        });
    }

    private static Map<String, Object> tree(MappingReview review, List<Finding> warnings, List<Finding> notes) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", review.specName());
        root.put("fingerprint", review.specFingerprint());
        root.put("passed", review.passed());
        root.put("summary", review.summary());
        root.put("measured", review.measured());
        root.put("counts", object("blockers", review.blockers().size(), "acknowledged", review.acknowledged().size(),
                "warnings", warnings.size(), "notes", notes.size()));
        root.put("findings", review.findings().stream().map(ReviewDoc::finding).toList());
        root.put("profiles", review.profiles().stream().map(ReviewDoc::tableProfile).toList());
        return root;
    }

    private static Map<String, Object> finding(Finding finding) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", finding.kind());
        map.put("severity", finding.severity());
        map.put("blocking", finding.isBlocking());
        map.put("location", finding.location());
        map.put("message", finding.message());
        map.put("fix", finding.fix());
        map.put("affectedRows", finding.affectedRows());
        map.put("sourceTable", finding.sourceTable().map(TableId::toString));
        map.put("acknowledgement", finding.acknowledgement());
        return map;
    }

    private static Map<String, Object> tableProfile(TableProfile profile) {
        return object("table", profile.table().toString(), "rows", profile.rows(),
                "elapsedMillis", profile.elapsed().toMillis(),
                "columns", profile.columns().stream().map(ReviewDoc::columnProfile).toList(),
                "keys", profile.keys().stream().map(ReviewDoc::keyProfile).toList(),
                "mappings", profile.mappings().stream().map(ReviewDoc::mappingProfile).toList());
    }

    private static Map<String, Object> columnProfile(ColumnProfile column) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("column", column.column());
        map.put("nulls", column.nulls());
        map.put("maxLength", column.maxLength());
        map.put("longest", column.longest().map(ValueExample::key));
        map.put("min", column.min());
        map.put("max", column.max());
        map.put("maxIntegerDigits", column.maxIntegerDigits());
        map.put("maxScale", column.maxScale());
        map.put("earliest", column.earliest());
        map.put("latest", column.latest());
        map.put("withTimeOfDay", column.withTimeOfDay());
        return map;
    }

    private static Map<String, Object> keyProfile(KeyProfile key) {
        return object("columns", key.columns(), "guaranteedBy", key.guaranteedBy(), "distinct", key.distinct(),
                "rowsWithNull", key.rowsWithNull(), "duplicateRows", key.duplicateRows(),
                "duplicateValues", key.duplicateValues(),
                "examples", key.examples().stream().map(ValueExample::describe).toList());
    }

    private static Map<String, Object> mappingProfile(MappingProfile mapping) {
        return object("source", mapping.source().toString(), "target", mapping.target().toString(),
                "rows", mapping.rows(), "rowsKept", mapping.rowsKept(), "filtered", mapping.filtered(),
                "filterFailures", mapping.filterFailures(),
                "fields", mapping.fields().stream().map(ReviewDoc::fieldProfile).toList());
    }

    private static Map<String, Object> fieldProfile(FieldProfile field) {
        Map<String, Object> losses = new LinkedHashMap<>();
        for (Loss loss : field.losses().values().stream().sorted(Comparator.comparing(Loss::kind)).toList()) {
            losses.put(loss.kind().name(), object("rows", loss.rows(), "worst", loss.worst(),
                    "worstExample", loss.worstExample().map(ValueExample::describe),
                    "examples", loss.examples().stream().map(ValueExample::describe).toList()));
        }
        return object("target", field.target(), "rows", field.rows(), "rejected", field.rejected(),
                "rejectedByRule", new TreeMap<>(field.rejectedByRule()),
                "rejections", field.rejections().stream().map(ValueExample::describe).toList(),
                "nulls", field.nulls(), "losses", losses);
    }
}
