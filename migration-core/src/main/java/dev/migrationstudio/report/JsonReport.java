package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.cutover.Gate;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.cutover.RunbookItem;
import dev.migrationstudio.cutover.Step;
import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.DependencyGraph;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.Reference;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.report.internal.Json;
import dev.migrationstudio.review.ColumnProfile;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.KeyProfile;
import dev.migrationstudio.review.Loss;
import dev.migrationstudio.review.MappingProfile;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.TableProfile;
import dev.migrationstudio.review.ValueExample;
import dev.migrationstudio.risk.Risk;
import dev.migrationstudio.risk.RiskRegister;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the parts of a migration plan as JSON for tools. Each method returns one JSON document;
 * the {@code tree} methods return the same content as maps and lists, to embed in larger documents.
 */
public final class JsonReport {

    private JsonReport() {
    }

    /** The inventory as JSON, with load order and cycles. */
    public static String inventory(Inventory inventory) {
        return Json.write(inventoryTree(inventory));
    }

    /** The risk register as JSON. */
    public static String risks(RiskRegister register) {
        return Json.write(risksTree(register));
    }

    /** The mapping spec as JSON, with its fingerprint. */
    public static String mapping(MappingSpec spec) {
        return Json.write(mappingTree(spec));
    }

    /** The mapping review as JSON: the verdict, every finding, and the measurements of the source data. */
    public static String review(MappingReview review) {
        return Json.write(reviewTree(review));
    }

    /** The runbook as JSON. */
    public static String runbook(Runbook runbook) {
        return Json.write(runbookTree(runbook));
    }

    /** The rollback plan as JSON, with its coverage of the runbook if given. */
    public static String rollback(RollbackPlan plan, Runbook runbook) {
        return Json.write(rollbackTree(plan, runbook));
    }

    /** The inventory as maps and lists. */
    public static Map<String, Object> inventoryTree(Inventory inventory) {
        checkNotNull(inventory, "inventory");
        DependencyGraph graph = inventory.dependencyGraph();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tables", inventory.tables().stream().map(JsonReport::table).toList());
        root.put("views", inventory.views().stream().map(v -> object("name", v.id().toString(),
                "definition", v.definition(), "reads", v.reads().stream().map(Reference::toString).toList())).toList());
        root.put("sequences", inventory.sequences().stream().map(s -> object("name", s.id().toString(),
                "currentValue", s.currentValue())).toList());
        root.put("artifacts", inventory.artifacts().stream().map(JsonReport::artifact).toList());
        root.put("loadOrder", graph.loadOrder().stream().map(TableId::toString).toList());
        root.put("cycles", graph.cycles().stream().map(c -> object(
                "tables", c.tables().stream().map(TableId::toString).toList(),
                "foreignKeys", c.foreignKeys(), "selfReference", c.isSelfReference())).toList());
        root.put("externalReferences", graph.externalReferences());
        return root;
    }

    private static Map<String, Object> table(TableInfo table) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("schema", table.id().schema());
        map.put("name", table.id().name());
        map.put("owner", table.owner());
        map.put("rowCount", table.rowCount());
        map.put("rowCountEstimated", table.rowCountEstimated());
        map.put("sizeBytes", table.sizeBytes());
        map.put("columns", table.columns().stream().map(JsonReport::column).toList());
        map.put("primaryKey", table.primaryKey().map(JsonReport::key));
        map.put("uniqueKeys", table.uniqueKeys().stream().map(JsonReport::key).toList());
        map.put("foreignKeys", table.foreignKeys().stream().map(JsonReport::foreignKey).toList());
        map.put("indexes", table.indexes().stream().map(JsonReport::index).toList());
        return map;
    }

    private static Map<String, Object> column(ColumnInfo column) {
        return object("name", column.name(), "type", column.type().render(), "nativeType", column.type().nativeName(),
                "nullable", column.nullable(), "default", column.defaultExpression());
    }

    private static Map<String, Object> key(KeyInfo key) {
        return object("name", key.name(), "columns", key.columns());
    }

    private static Map<String, Object> foreignKey(ForeignKeyInfo fk) {
        return object("name", fk.name(), "columns", fk.columns(), "references", fk.referencedTable().toString(),
                "referencedColumns", fk.referencedColumns());
    }

    private static Map<String, Object> index(IndexInfo index) {
        return object("name", index.name(), "columns", index.columns(), "unique", index.unique());
    }

    private static Map<String, Object> artifact(Artifact artifact) {
        return object("kind", artifact.kind(), "name", artifact.name(), "owner", artifact.owner(),
                "description", artifact.description(),
                "reads", artifact.reads().stream().map(Reference::toString).toList(),
                "writes", artifact.writes().stream().map(Reference::toString).toList(),
                "dependsOn", artifact.dependsOn());
    }

    /** The risk register as maps and lists. */
    public static Map<String, Object> risksTree(RiskRegister register) {
        checkNotNull(register, "register");
        return object("risks", register.sortedByScore().stream().map(JsonReport::risk).toList(),
                "orderingConstraints", register.orderingConstraints().stream().map(c -> object(
                        "first", c.first(), "then", c.then(), "reason", c.reason())).toList());
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

    /** The mapping spec as maps and lists. */
    public static Map<String, Object> mappingTree(MappingSpec spec) {
        checkNotNull(spec, "spec");
        return object("name", spec.name(), "fingerprint", spec.fingerprint(),
                "tables", spec.tables().stream().map(JsonReport::tableMapping).toList(),
                "acknowledgements", spec.acknowledgements().stream().map(a -> object("table", a.subject(),
                        "kind", a.kind(), "reason", a.reason())).toList());
    }

    private static Map<String, Object> tableMapping(TableMapping table) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", table.source().toString());
        map.put("target", table.target().toString());
        map.put("key", table.targetKey());
        map.put("withoutKeyReason", table.withoutKeyReason());
        map.put("fields", table.fields().stream().map(JsonReport::field).toList());
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

    /** The runbook as maps and lists. */
    public static Map<String, Object> runbookTree(Runbook runbook) {
        checkNotNull(runbook, "runbook");
        return object("name", runbook.name(), "expectedDuration", runbook.expectedDuration(),
                "pointOfNoReturn", runbook.pointOfNoReturn().map(Step::name),
                "items", runbook.items().stream().map(JsonReport::item).toList(),
                "communication", runbook.triggers().stream().map(t -> object("when", t.when(),
                        "audience", t.audience(), "message", t.message())).toList());
    }

    private static Map<String, Object> item(RunbookItem item) {
        if (item instanceof Gate) {
            Gate gate = (Gate) item;
            return object("type", "gate", "name", gate.name(), "description", gate.description());
        }
        return step((Step) item);
    }

    private static Map<String, Object> step(Step step) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "step");
        map.put("name", step.name());
        map.put("owner", step.owner());
        map.put("expected", step.expected());
        map.put("manual", step.isManual());
        map.put("pointOfNoReturn", step.pointOfNoReturn());
        map.put("description", step.description());
        map.put("communication", step.triggers().stream().map(t -> object("when", t.when(),
                "audience", t.audience(), "message", t.message())).toList());
        return map;
    }

    /** The rollback plan as maps and lists; {@code runbook} may be null. */
    public static Map<String, Object> rollbackTree(RollbackPlan plan, Runbook runbook) {
        checkNotNull(plan, "plan");
        Map<String, Object> map = object("name", plan.name(), "rto", plan.rto(),
                "expectedDuration", plan.expectedDuration(),
                "steps", plan.steps().stream().map(JsonReport::step).toList());
        if (runbook != null) {
            RollbackPlan.Coverage coverage = plan.coverage(runbook);
            map.put("coverage", object("coveredSteps", coverage.coveredSteps(),
                    "pointOfNoReturn", coverage.pointOfNoReturn(), "summary", coverage.describe()));
        }
        return map;
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The mapping review as maps and lists. */
    public static Map<String, Object> reviewTree(MappingReview review) {
        checkNotNull(review, "review");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("spec", review.specName());
        root.put("fingerprint", review.specFingerprint());
        root.put("passed", review.passed());
        root.put("summary", review.summary());
        root.put("measured", review.measured());
        root.put("counts", object("blockers", review.blockers().size(), "acknowledged", review.acknowledged().size(),
                "warnings", review.warnings().size(), "notes", review.notes().size()));
        root.put("findings", review.findings().stream().map(JsonReport::finding).toList());
        root.put("profiles", review.profiles().stream().map(JsonReport::tableProfile).toList());
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
                "columns", profile.columns().stream().map(JsonReport::columnProfile).toList(),
                "keys", profile.keys().stream().map(JsonReport::keyProfile).toList(),
                "mappings", profile.mappings().stream().map(JsonReport::mappingProfile).toList());
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
                "fields", mapping.fields().stream().map(JsonReport::fieldProfile).toList());
    }

    private static Map<String, Object> fieldProfile(FieldProfile field) {
        Map<String, Object> losses = new LinkedHashMap<>();
        for (Loss loss : field.losses().values().stream()
                .sorted(java.util.Comparator.comparing(Loss::kind)).toList()) {
            losses.put(loss.kind().name(), object("rows", loss.rows(), "worst", loss.worst(),
                    "worstExample", loss.worstExample().map(ValueExample::describe),
                    "examples", loss.examples().stream().map(ValueExample::describe).toList()));
        }
        return object("target", field.target(), "rows", field.rows(), "rejected", field.rejected(),
                "rejectedByRule", new java.util.TreeMap<>(field.rejectedByRule()),
                "rejections", field.rejections().stream().map(ValueExample::describe).toList(),
                "nulls", field.nulls(), "losses", losses);
    }
}
