package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.KeyProfile;
import dev.migrationstudio.review.TableProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link FindingKind#NON_UNIQUE_KEY}: a target's primary or unique key, or the mapping's own key, fed
 * by values that repeat (measured on the source, and after the rules), or that nothing keeps unique.
 */
final class UniqueKeys implements ReviewRule.PerTargetTable {

    @Override
    public void checkTable(ReviewContext context, ReviewContext.Site site, TableInfo targetTable,
                           List<Draft> drafts) {
        TableInfo table = site.source();
        TableMapping mapping = site.mapping();
        Optional<TableProfile> measurement = site.measurement();
        Map<List<String>, List<String>> checks = new LinkedHashMap<>();
        Map<List<String>, List<String>> targetColumns = new LinkedHashMap<>();
        for (KeyInfo key : ReviewContext.targetKeys(targetTable)) {
            String label = (targetTable.primaryKey().map(pk -> pk == key).orElse(false) ? "primary key " : "unique key ")
                    + key.name();
            if (!key.columns().stream().allMatch(c -> mapping.fieldFor(c).isPresent())) {
                continue;
            }
            Optional<List<String>> fed = ReviewContext.feed(mapping, key.columns());
            if (fed.isEmpty()) {
                drafts.add(computedKey(site, targetTable, key, label));
                continue;
            }
            checks.computeIfAbsent(fed.get(), k -> new ArrayList<>()).add(label + " of " + targetTable.id());
            targetColumns.putIfAbsent(fed.get(), key.columns());
        }
        if (!mapping.sourceKey().isEmpty() && mapping.sourceKey().stream().allMatch(table::hasColumn)) {
            checks.computeIfAbsent(mapping.sourceKey(), k -> new ArrayList<>()).add("the mapping's key");
            targetColumns.putIfAbsent(mapping.sourceKey(), mapping.targetKey());
        }
        for (Map.Entry<List<String>, List<String>> check : checks.entrySet()) {
            List<String> columns = check.getKey();
            // A column the source lacks is reported as unknown; a constraint may already guarantee uniqueness.
            if (!columns.stream().allMatch(table::hasColumn) || site.request().guaranteeOf(columns).isPresent()) {
                continue;
            }
            String what = String.join(" and ", check.getValue());
            String location = mapping.source() + "(" + String.join(", ", columns) + ")";
            String transformed = columns.stream().map(c -> mapping.fieldFrom(c).orElseThrow())
                    .flatMap(f -> f.rules().stream()).filter(TransformRule.Convert.class::isInstance)
                    .map(TransformRule::describe).collect(Collectors.joining(", "));
            // What the target key receives after the rules, when the target declares that key.
            Optional<KeyProfile> projected = site.profile().flatMap(m -> m.targetKey(targetColumns.get(columns)));
            String note = transformed.isEmpty() ? ""
                    : projected.map(p -> p.isUnique()
                            ? " (and still all distinct after the rules " + transformed + ")"
                            : " (after the rules " + transformed + ": " + Texts.count(p.duplicateRows()) + " rows)")
                    .orElse(" (counted on the source values; the rules " + transformed + " may merge more)");
            Optional<KeyProfile> kp = measurement.flatMap(p -> p.key(columns));
            Draft draft;
            if (kp.isPresent() && !kp.get().isUnique()) {
                KeyProfile k = kp.get();
                draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                        "%s needs (%s) unique, but %s rows repeat a value an earlier row has (%s values occur more "
                                + "than once, e.g. %s)%s", what, String.join(", ", columns),
                        Texts.count(k.duplicateRows()), Texts.count(k.duplicateValues()),
                        k.examples().isEmpty() ? "?" : k.examples().get(0).key() + " in " + k.examples().get(0).value(),
                        note)
                        .rows(k.duplicateRows());
            } else if (!transformed.isEmpty() && projected.isPresent() && !projected.get().isUnique()) {
                KeyProfile p = projected.get();
                draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                        "%s needs (%s) unique; the source values are distinct, but after the rules %s, %s rows "
                                + "repeat a value an earlier row has (%s values occur more than once)", what,
                        String.join(", ", columns), transformed, Texts.count(p.duplicateRows()),
                        Texts.count(p.duplicateValues()))
                        .rows(p.duplicateRows());
            } else if (kp.isPresent()) {
                draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s needs (%s) unique; the source does not enforce it, though today's %s values are all "
                                + "distinct%s", what, String.join(", ", columns), Texts.count(kp.get().distinct()), note)
                        .rows(0);
            } else {
                draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s needs (%s) unique; the source does not enforce it and the data was not measured", what,
                        String.join(", ", columns));
            }
            List<String> subjects = new ArrayList<>(columns);
            subjects.addAll(targetColumns.get(columns));
            drafts.add(draft.fix("remove the duplicates in the source, keep them out with a named filter, or choose a "
                    + "key that identifies rows").source(table)
                    .scope(List.of(mapping), subjects.toArray(String[]::new)));
        }
    }

    private static Draft computedKey(ReviewContext.Site site, TableInfo targetTable, KeyInfo key, String label) {
        TableMapping mapping = site.mapping();
        String location = mapping.target() + "(" + String.join(", ", key.columns()) + ")";
        List<FieldMapping> constants = key.columns().stream().map(c -> mapping.fieldFor(c).orElseThrow())
                .filter(f -> f.isComputed() && f.derivation().isEmpty()).toList();
        long rows = site.rowsReaching();
        Draft draft;
        if (constants.size() == key.columns().size()) {
            draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                    "%s of %s is filled with constants, so %s rows would share one value", label, targetTable.id(),
                    rows < 0 ? "all" : "all " + Texts.count(rows));
            if (rows > 1) {
                draft = draft.rows(rows - 1);
            }
        } else {
            Optional<KeyProfile> projected = site.profile().flatMap(m -> m.targetKey(key.columns()));
            if (projected.isPresent() && !projected.get().isUnique()) {
                draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                        "%s of %s is fed by computed values, and %s rows would repeat a value an earlier row has "
                                + "(%s values occur more than once)", label, targetTable.id(),
                        Texts.count(projected.get().duplicateRows()), Texts.count(projected.get().duplicateValues()))
                        .rows(projected.get().duplicateRows());
            } else if (projected.isPresent()) {
                draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s of %s is fed by computed values; today's %s values are all distinct once computed, "
                                + "but nothing in the source keeps them so", label, targetTable.id(),
                        Texts.count(projected.get().distinct())).rows(0);
            } else {
                draft = Draft.of(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s of %s is fed by computed values whose uniqueness was not measured", label,
                        targetTable.id());
            }
        }
        return draft.fix("feed the key from source columns that identify rows").source(site.source())
                .scope(List.of(mapping), key.columns().toArray(String[]::new));
    }
}
