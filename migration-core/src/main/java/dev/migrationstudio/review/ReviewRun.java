package dev.migrationstudio.review;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.Acknowledgement;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.mapping.TransformRule;
import dev.migrationstudio.review.internal.TypeRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** One review: the rules, applied table by table, then to consumers, then acknowledgements. */
final class ReviewRun {

    /** A finding being written, with what an acknowledgement may match it by. */
    static final class Draft {
        final FindingKind kind;
        final FindingSeverity severity;
        final String location;
        final String message;
        String fix = "";
        OptionalLong rows = OptionalLong.empty();
        TableId sourceTable;
        final List<TableMapping> scope = new ArrayList<>();
        final Set<String> subjects = new HashSet<>();
        TableId specSubject;

        Draft(FindingKind kind, FindingSeverity severity, String location, String message) {
            this.kind = kind;
            this.severity = severity;
            this.location = location;
            this.message = message;
        }

        Draft fix(String format, Object... args) {
            this.fix = String.format(Locale.ROOT, format, args);
            return this;
        }

        Draft rows(long count) {
            this.rows = OptionalLong.of(count);
            return this;
        }

        Draft source(TableInfo table) {
            this.sourceTable = table.id();
            return this;
        }

        Draft scope(List<TableMapping> mappings, String... names) {
            scope.addAll(mappings);
            for (String name : names) {
                if (name != null) {
                    subjects.add(name);
                }
            }
            return this;
        }

        Draft specSubject(TableId table) {
            this.specSubject = table;
            return this;
        }

        Finding toFinding(Optional<String> acknowledgement) {
            return new Finding(kind, severity, location, message, fix, rows, Optional.ofNullable(sourceTable),
                    acknowledgement);
        }
    }

    private final MappingSpec spec;
    private final Inventory source;
    private final Inventory target;
    private final DataProfile profile;
    private final List<Draft> drafts = new ArrayList<>();
    private final List<TableProfile> profiles = new ArrayList<>();
    private final Map<TableMapping, TableInfo> sourceOf = new IdentityHashMap<>();
    private final Map<TableMapping, TableInfo> targetOf = new IdentityHashMap<>();
    private final Map<TableId, List<TableMapping>> bySource = new LinkedHashMap<>();
    private final Map<TableId, TableProfile> measured = new LinkedHashMap<>();

    ReviewRun(MappingSpec spec, Inventory source, Inventory target, DataProfile profile) {
        this.spec = spec;
        this.source = source;
        this.target = target;
        this.profile = profile;
    }

    MappingReview run() {
        resolveTables();
        for (Map.Entry<TableId, List<TableMapping>> group : bySource.entrySet()) {
            reviewSourceTable(source.table(group.getKey()).orElseThrow(), group.getValue());
        }
        unmappedTables();
        new ConsumerCheck(this, source).run();
        return new MappingReview(spec.name(), spec.fingerprint(), acknowledge(), profiles, !profiles.isEmpty(), source);
    }

    // ---- shared with ConsumerCheck -----------------------------------------------------------------

    Draft add(FindingKind kind, FindingSeverity severity, String location, String format, Object... args) {
        Draft draft = new Draft(kind, severity, location, String.format(Locale.ROOT, format, args));
        drafts.add(draft);
        return draft;
    }

    List<TableMapping> mappingsOf(TableId sourceTable) {
        return bySource.getOrDefault(sourceTable, List.of());
    }

    Optional<TableInfo> targetOf(TableMapping mapping) {
        return Optional.ofNullable(targetOf.get(mapping));
    }

    List<Draft> drafts() {
        return drafts;
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String column(TableId table, String column) {
        return table + "." + column;
    }

    // ---- tables --------------------------------------------------------------------------------------

    private void resolveTables() {
        for (TableMapping mapping : spec.tables()) {
            Optional<TableInfo> s = lookUp(source, mapping.source(), "source", mapping);
            Optional<TableInfo> t = lookUp(target, mapping.target(), "target", mapping);
            s.ifPresent(table -> {
                sourceOf.put(mapping, table);
                bySource.computeIfAbsent(table.id(), k -> new ArrayList<>()).add(mapping);
            });
            t.ifPresent(table -> targetOf.put(mapping, table));
        }
    }

    private Optional<TableInfo> lookUp(Inventory inventory, TableId id, String side, TableMapping mapping) {
        try {
            Optional<TableInfo> table = inventory.table(id);
            if (table.isEmpty()) {
                add(FindingKind.UNKNOWN_TABLE, FindingSeverity.BLOCKER, id.toString(),
                        "the %s table %s of mapping %s is not in the %s inventory (tables: %s)", side, id,
                        mapping.describe(), side, names(inventory))
                        .fix("correct the table name, or scan the schema that holds it")
                        .scope(List.of(mapping), id.name());
            }
            return table;
        } catch (IllegalArgumentException ambiguous) {
            add(FindingKind.UNKNOWN_TABLE, FindingSeverity.BLOCKER, id.toString(), "%s", ambiguous.getMessage())
                    .fix("qualify the %s table with its schema in the spec", side)
                    .scope(List.of(mapping), id.name());
            return Optional.empty();
        }
    }

    private static String names(Inventory inventory) {
        return inventory.tables().stream().map(t -> t.id().toString()).collect(Collectors.joining(", "));
    }

    private void unmappedTables() {
        for (TableInfo table : source.tables()) {
            if (bySource.containsKey(table.id())) {
                continue;
            }
            String rows = table.rowCount().isPresent()
                    ? count(table.rowCount().getAsLong()) + (table.rowCountEstimated() ? " (estimated)" : "") + " rows"
                    : "row count unknown";
            Draft draft = add(FindingKind.UNMAPPED_SOURCE_TABLE, FindingSeverity.WARNING, table.id().toString(),
                    "%s (%s) is not mapped: its data stays behind", table.id(), rows)
                    .fix("map it, or acknowledge on the spec why it stays behind "
                            + "(MappingSpec.Builder.acknowledge(\"%s\", UNMAPPED_SOURCE_TABLE, reason))", table.id().name())
                    .source(table).specSubject(table.id());
            table.rowCount().ifPresent(draft::rows);
        }
    }

    private void reviewSourceTable(TableInfo table, List<TableMapping> mappings) {
        ProfileRequest request = request(table, mappings);
        Optional<TableProfile> measurement = profile.measure(request);
        measurement.ifPresent(p -> {
            profiles.add(p);
            measured.put(table.id(), p);
        });
        for (TableMapping mapping : mappings) {
            unknownSourceColumns(table, mapping);
        }
        unmappedColumns(table, mappings, measurement);
        for (TableMapping mapping : mappings) {
            Optional<MappingProfile> mp = measurement.flatMap(p -> p.mapping(mapping));
            TableInfo targetTable = targetOf.get(mapping);
            for (FieldMapping field : mapping.fields()) {
                // A field reading a column the source lacks is reported as such; its values cannot be judged.
                boolean readable = field.sourceColumnsRead().stream().allMatch(table::hasColumn);
                Optional<FieldProfile> fp = mp.flatMap(m -> m.field(field.target()));
                if (readable) {
                    rejections(table, mapping, field, fp);
                }
                if (targetTable == null) {
                    continue;
                }
                Optional<ColumnInfo> column = targetTable.column(field.target());
                if (column.isEmpty()) {
                    add(FindingKind.UNKNOWN_TARGET_COLUMN, FindingSeverity.BLOCKER,
                            column(mapping.target(), field.target()), "%s has no column %s (columns: %s)",
                            targetTable.id(), field.target(), String.join(", ", targetTable.columnNames()))
                            .fix("correct the target column name, or add the column to the target schema")
                            .source(table).scope(List.of(mapping), field.target(), field.source().orElse(null));
                    continue;
                }
                if (!readable) {
                    continue;
                }
                types(table, mapping, field, column.get(), fp);
                nulls(table, mapping, field, column.get(), fp);
            }
            if (targetTable != null) {
                unfilledColumns(table, mapping, targetTable, mp);
                generatedColumns(table, mapping, targetTable, mp);
                keys(table, mapping, targetTable, request, measurement);
                foreignKeyParents(table, mapping, targetTable, measurement);
            }
            filterFailures(table, mapping, mp);
        }
    }

    /** Everything the review needs from one source table, asked in one request. */
    private ProfileRequest request(TableInfo table, List<TableMapping> mappings) {
        List<String> exampleKey = mappings.stream().map(TableMapping::sourceKey)
                .filter(k -> !k.isEmpty() && k.stream().allMatch(table::hasColumn)).findFirst()
                .orElse(table.primaryKey().map(KeyInfo::columns).orElse(List.of()));
        List<List<String>> keys = new ArrayList<>();
        List<ProfileRequest.Projection> projections = new ArrayList<>();
        for (TableMapping mapping : mappings) {
            if (!mapping.sourceKey().isEmpty() && mapping.sourceKey().stream().allMatch(table::hasColumn)) {
                keys.add(mapping.sourceKey());
            }
            TableInfo targetTable = targetOf.get(mapping);
            if (targetTable != null) {
                for (KeyInfo key : targetKeys(targetTable)) {
                    feed(mapping, key.columns()).filter(cols -> cols.stream().allMatch(table::hasColumn))
                            .ifPresent(keys::add);
                }
            }
            projections.add(new ProfileRequest.Projection(mapping, Optional.ofNullable(targetTable)));
        }
        return new ProfileRequest(table, exampleKey, keys, projections);
    }

    private static List<KeyInfo> targetKeys(TableInfo table) {
        List<KeyInfo> keys = new ArrayList<>();
        table.primaryKey().ifPresent(keys::add);
        keys.addAll(table.uniqueKeys());
        return keys;
    }

    /** The source columns that feed target columns, when every one is copied from the source. */
    private static Optional<List<String>> feed(TableMapping mapping, List<String> targetColumns) {
        List<String> sources = new ArrayList<>();
        for (String column : targetColumns) {
            Optional<FieldMapping> field = mapping.fieldFor(column);
            if (field.isEmpty() || field.get().source().isEmpty()) {
                return Optional.empty();
            }
            sources.add(field.get().source().get());
        }
        return Optional.of(List.copyOf(sources));
    }

    // ---- source columns ------------------------------------------------------------------------------

    private void unknownSourceColumns(TableInfo table, TableMapping mapping) {
        String columns = String.join(", ", table.columnNames());
        List<TableMapping> scope = List.of(mapping);
        for (FieldMapping field : mapping.fields()) {
            if (field.source().isPresent() && !table.hasColumn(field.source().get())) {
                add(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                        column(mapping.source(), field.source().get()),
                        "field %s copies %s, which source table %s does not have (columns: %s)", field.target(),
                        field.source().get(), table.id(), columns)
                        .fix("correct the source column name").source(table)
                        .scope(scope, field.source().get(), field.target());
            }
            field.derivation().ifPresent(derive -> derive.reads().stream().filter(c -> !table.hasColumn(c))
                    .forEach(c -> add(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                            column(mapping.source(), c),
                            "derived column %s reads %s, which source table %s does not have (columns: %s)",
                            field.target(), c, table.id(), columns)
                            .fix("correct the derivation's declared reads").source(table).scope(scope, c, field.target())));
        }
        for (TransformRule.Filter filter : mapping.filters()) {
            filter.reads().stream().filter(c -> !table.hasColumn(c))
                    .forEach(c -> add(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER,
                            column(mapping.source(), c), "filter '%s' reads %s, which source table %s does not have "
                                    + "(columns: %s)", filter.name(), c, table.id(), columns)
                            .fix("correct the filter's declared reads").source(table).scope(scope, c));
        }
        for (TransformRule.Drop drop : mapping.drops()) {
            if (!table.hasColumn(drop.column())) {
                add(FindingKind.UNKNOWN_SOURCE_COLUMN, FindingSeverity.BLOCKER, column(mapping.source(), drop.column()),
                        "the spec drops %s, which source table %s does not have (columns: %s)", drop.column(),
                        table.id(), columns)
                        .fix("remove the drop or correct its column name").source(table).scope(scope, drop.column());
            }
        }
    }

    private void unmappedColumns(TableInfo table, List<TableMapping> mappings, Optional<TableProfile> measurement) {
        Set<String> mentioned = new HashSet<>();
        mappings.forEach(m -> mentioned.addAll(m.sourceColumnsMentioned()));
        TableId name = mappings.get(0).source();
        for (ColumnInfo column : table.columns()) {
            if (mentioned.contains(column.name())) {
                continue;
            }
            Optional<ColumnProfile> measuredColumn = measurement.flatMap(p -> p.column(column.name()));
            String location = column(name, column.name());
            Draft draft;
            if (measuredColumn.isEmpty()) {
                draft = add(FindingKind.UNMAPPED_SOURCE_COLUMN, FindingSeverity.BLOCKER, location,
                        "%s is neither mapped nor dropped; its data would be left behind (not measured)", location);
            } else if (measuredColumn.get().nonNull() == 0) {
                draft = add(FindingKind.UNMAPPED_SOURCE_COLUMN, FindingSeverity.WARNING, location,
                        "%s is neither mapped nor dropped; it is NULL in all %s rows", location,
                        count(measuredColumn.get().rows())).rows(0);
            } else {
                ColumnProfile c = measuredColumn.get();
                draft = add(FindingKind.UNMAPPED_SOURCE_COLUMN, FindingSeverity.BLOCKER, location,
                        "%s is neither mapped nor dropped: %s of %s rows hold a value that would be left behind",
                        location, count(c.nonNull()), count(c.rows())).rows(c.nonNull());
            }
            draft.fix(".field(\"%s\") to carry it, or .drop(\"%s\", reason) to leave it behind on purpose",
                    column.name(), column.name()).source(table).scope(mappings, column.name());
        }
    }

    // ---- fields --------------------------------------------------------------------------------------

    private static String fieldLocation(TableMapping mapping, FieldMapping field) {
        String targetColumn = column(mapping.target(), field.target());
        return field.source().map(s -> column(mapping.source(), s) + " -> " + targetColumn).orElse(targetColumn);
    }

    private void rejections(TableInfo table, TableMapping mapping, FieldMapping field, Optional<FieldProfile> fp) {
        if (fp.isEmpty() || fp.get().rejected() == 0) {
            return;
        }
        FieldProfile p = fp.get();
        String byRule = p.rejectedByRule().entrySet().stream()
                .map(e -> count(e.getValue()) + " by '" + e.getKey() + "'").collect(Collectors.joining(", "));
        String example = p.rejections().isEmpty() ? "" : "; e.g. " + p.rejections().get(0).describe();
        add(FindingKind.VALUES_REJECTED, FindingSeverity.BLOCKER, fieldLocation(mapping, field),
                "%s of %s rows would be rejected and quarantined (%s)%s", count(p.rejected()), count(p.rows()), byRule,
                example)
                .fix("fix the source values, keep those rows out with a named filter, or acknowledge that they "
                        + "are quarantined")
                .rows(p.rejected()).source(table).scope(List.of(mapping), field.target(), field.source().orElse(null));
    }

    private void filterFailures(TableInfo table, TableMapping mapping, Optional<MappingProfile> mp) {
        if (mp.isEmpty()) {
            return;
        }
        mp.get().filterFailures().forEach((filter, rows) -> add(FindingKind.VALUES_REJECTED, FindingSeverity.BLOCKER,
                mapping.source() + " (filter '" + filter + "')",
                "filter '%s' fails on %s of %s rows, which would be quarantined", filter, count(rows),
                count(mp.get().rows()))
                .fix("make the filter handle every value it reads (NULLs included)")
                .rows(rows).source(table).scope(List.of(mapping), filter));
    }

    private void types(TableInfo table, TableMapping mapping, FieldMapping field, ColumnInfo targetColumn,
                       Optional<FieldProfile> fp) {
        SqlType to = targetColumn.type();
        Optional<TypeRules.Delivered> delivered = TypeRules.delivered(field, table);
        String location = fieldLocation(mapping, field);
        String from = delivered.map(d -> d.type().render()).orElse("computed values");
        List<TableMapping> scope = List.of(mapping);
        String sourceColumn = field.source().orElse(null);

        boolean incompatible = delivered.isPresent() && delivered.get().exact()
                && !TypeRules.compatible(delivered.get().type(), to);
        Optional<Loss> notConverting = fp.flatMap(p -> p.loss(FindingKind.TYPE_INCOMPATIBLE));
        if (incompatible || notConverting.isPresent()) {
            String measuredPart = fp.map(p -> notConverting
                    .map(l -> count(l.rows()) + " of " + count(p.rows()) + " values do not convert to " + to.render()
                            + example("e.g.", l.examples()))
                    .orElse("every one of the " + count(p.rows()) + " values converts"))
                    .orElse("the data was not measured");
            Draft draft = add(FindingKind.TYPE_INCOMPATIBLE, FindingSeverity.BLOCKER, location, "%s -> %s%s; %s",
                    from, to.render(), incompatible ? " are different kinds of data with no cast between them" : "",
                    measuredPart)
                    .fix(".cast(\"%s\") and handle the values that do not convert", to.render())
                    .source(table).scope(scope, field.target(), sourceColumn);
            fp.ifPresent(p -> draft.rows(notConverting.map(Loss::rows).orElse(0L)));
        }
        Set<FindingKind> kinds = EnumSet.noneOf(FindingKind.class);
        delivered.filter(d -> TypeRules.compatible(d.type(), to))
                .ifPresent(d -> kinds.addAll(TypeRules.narrowings(d.type(), to)));
        fp.ifPresent(p -> kinds.addAll(p.losses().keySet()));
        kinds.remove(FindingKind.TYPE_INCOMPATIBLE);
        for (FindingKind kind : kinds) {
            Optional<Loss> loss = fp.flatMap(p -> p.loss(kind));
            Draft draft;
            if (loss.isPresent()) {
                draft = add(kind, FindingSeverity.BLOCKER, location, "%s", Narrowing.measured(kind, loss.get(),
                        fp.get().rows(), to)).rows(loss.get().rows());
            } else if (fp.isPresent()) {
                draft = add(kind, FindingSeverity.WARNING, location,
                        "%s -> %s narrows (%s), but none of the %s values measured is affected%s; values written "
                                + "before cutover may be", from, to.render(), kind.title(), count(fp.get().rows()),
                        Narrowing.headroom(kind, field, measured.get(table.id())))
                        .rows(0);
            } else {
                draft = add(kind, FindingSeverity.WARNING, location, "%s -> %s narrows (%s); the data was not measured",
                        from, to.render(), kind.title());
            }
            draft.fix("%s", Narrowing.fix(kind, to, column(mapping.target(), field.target()), loss))
                    .source(table).scope(scope, field.target(), sourceColumn);
        }
    }

    static String example(String prefix, List<ValueExample> examples) {
        return examples.isEmpty() ? "" : " (" + prefix + " key " + examples.get(0).key() + ", value "
                + examples.get(0).value() + ")";
    }

    private void nulls(TableInfo table, TableMapping mapping, FieldMapping field, ColumnInfo targetColumn,
                       Optional<FieldProfile> fp) {
        if (targetColumn.nullable()) {
            return;
        }
        String location = fieldLocation(mapping, field);
        boolean mayBeNull = field.source().flatMap(table::column).map(ColumnInfo::nullable).orElse(false)
                && field.rules().stream().noneMatch(r -> r instanceof TransformRule.DefaultFill
                        || r instanceof TransformRule.Constant || r instanceof TransformRule.Derive);
        Draft draft;
        if (fp.isPresent() && fp.get().nulls() > 0) {
            FieldProfile p = fp.get();
            draft = add(FindingKind.NULLS_INTO_NOT_NULL, FindingSeverity.BLOCKER, location,
                    "%s of %s rows would put NULL into NOT NULL column %s (e.g. key %s)", count(p.nulls()),
                    count(p.rows()), column(mapping.target(), field.target()), p.nullExamples().get(0).key())
                    .rows(p.nulls());
        } else if (fp.isPresent() && mayBeNull) {
            draft = add(FindingKind.NULLS_INTO_NOT_NULL, FindingSeverity.INFO, location,
                    "none of the %s rows is NULL today, but %s allows NULL and %s does not", count(fp.get().rows()),
                    column(mapping.source(), field.source().get()), column(mapping.target(), field.target()))
                    .rows(0);
        } else if (fp.isEmpty() && mayBeNull) {
            draft = add(FindingKind.NULLS_INTO_NOT_NULL, FindingSeverity.WARNING, location,
                    "%s allows NULL and %s does not; the data was not measured",
                    column(mapping.source(), field.source().get()), column(mapping.target(), field.target()));
        } else {
            return;
        }
        draft.fix(".ifNull(value) to fill them, a named filter to keep those rows out, or make %s nullable",
                column(mapping.target(), field.target()))
                .source(table).scope(List.of(mapping), field.target(), field.source().orElse(null));
    }

    // ---- target columns, keys, foreign keys -----------------------------------------------------------

    private long rowsReaching(TableInfo table, Optional<MappingProfile> mp) {
        return mp.map(MappingProfile::rowsKept).orElse(table.rowCount().orElse(-1));
    }

    private void unfilledColumns(TableInfo table, TableMapping mapping, TableInfo targetTable,
                                 Optional<MappingProfile> mp) {
        long rows = rowsReaching(table, mp);
        String all = rows < 0 ? "every row" : "all " + count(rows) + " rows";
        for (ColumnInfo column : targetTable.columns()) {
            if (mapping.fieldFor(column.name()).isPresent()) {
                continue;
            }
            String location = column(mapping.target(), column.name());
            Draft draft;
            if (!column.nullable() && !column.hasDefault()) {
                draft = add(FindingKind.UNFILLED_NOT_NULL, FindingSeverity.BLOCKER, location,
                        "nothing fills NOT NULL column %s, which has no default: %s would fail to insert", location, all)
                        .fix(".fill(\"%s\", value) or .derive(\"%s\", ...), or give the column a default",
                                column.name(), column.name());
            } else if (column.hasDefault()) {
                draft = add(FindingKind.UNFILLED_TARGET_COLUMN, FindingSeverity.INFO, location,
                        "nothing fills %s: it gets its default (%s) in %s", location, column.defaultExpression().get(),
                        all)
                        .fix("map a source column to it if the default is not what the data says");
            } else {
                draft = add(FindingKind.UNFILLED_TARGET_COLUMN, FindingSeverity.WARNING, location,
                        "nothing fills %s: it stays NULL in %s", location, all)
                        .fix("map a source column to it, or acknowledge that it stays empty");
            }
            if (rows >= 0) {
                draft.rows(rows);
            }
            draft.source(table).scope(List.of(mapping), column.name());
        }
    }

    /**
     * Target columns the database makes itself but the mapping fills: GENERATED ALWAYS columns refuse
     * the values; sequence-numbered ones take them, and their sequence stays behind the loaded keys.
     */
    private void generatedColumns(TableInfo table, TableMapping mapping, TableInfo targetTable,
                                  Optional<MappingProfile> mp) {
        long rows = rowsReaching(table, mp);
        for (ColumnInfo column : targetTable.columns()) {
            ColumnInfo.Generation generation = column.generation();
            if (mapping.fieldFor(column.name()).isEmpty() || generation == ColumnInfo.Generation.NONE) {
                continue;
            }
            String location = column(mapping.target(), column.name());
            Draft draft;
            if (generation.refusesValues()) {
                draft = add(FindingKind.GENERATED_COLUMN_FILLED, FindingSeverity.BLOCKER, location,
                        "%s is %s: the database refuses values for it, so %s would fail to insert", location,
                        column.defaultExpression().orElseThrow(), rows < 0 ? "every row" : "all " + count(rows) + " rows")
                        .fix(generation == ColumnInfo.Generation.COMPUTED
                                ? "drop the field from the mapping: the database computes the column"
                                : "make the column GENERATED BY DEFAULT AS IDENTITY for the load (and keep the "
                                + "source's keys), or drop the field and let the database number the rows");
            } else {
                draft = add(FindingKind.SEQUENCE_BEHIND, FindingSeverity.WARNING, location,
                        "%s is filled from the source, but new rows are numbered by a sequence (%s) that the load "
                                + "does not advance: the application's first insert after cutover would collide "
                                + "with a migrated key", location, column.defaultExpression().orElseThrow())
                        .fix("advance the sequence past the loaded values after the load, e.g. with "
                                + "CutoverSteps.advanceSequences(target, \"%s\") as a runbook step", mapping.target());
            }
            if (rows >= 0) {
                draft.rows(rows);
            }
            draft.source(table).scope(List.of(mapping), column.name());
        }
    }

    private void keys(TableInfo table, TableMapping mapping, TableInfo targetTable, ProfileRequest request,
                      Optional<TableProfile> measurement) {
        Map<List<String>, List<String>> checks = new LinkedHashMap<>();
        Map<List<String>, List<String>> targetColumns = new LinkedHashMap<>();
        for (KeyInfo key : targetKeys(targetTable)) {
            String label = (targetTable.primaryKey().map(pk -> pk == key).orElse(false) ? "primary key " : "unique key ")
                    + key.name();
            if (!key.columns().stream().allMatch(c -> mapping.fieldFor(c).isPresent())) {
                continue;
            }
            Optional<List<String>> fed = feed(mapping, key.columns());
            if (fed.isEmpty()) {
                computedKey(table, mapping, targetTable, key, label, measurement);
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
            if (!columns.stream().allMatch(table::hasColumn) || request.guaranteeOf(columns).isPresent()) {
                continue;
            }
            String what = String.join(" and ", check.getValue());
            String location = mapping.source() + "(" + String.join(", ", columns) + ")";
            String transformed = columns.stream().map(c -> mapping.fieldFrom(c).orElseThrow())
                    .flatMap(f -> f.rules().stream()).filter(TransformRule.Convert.class::isInstance)
                    .map(TransformRule::describe).collect(Collectors.joining(", "));
            // What the target key receives after the rules, when the target declares that key.
            Optional<KeyProfile> projected = measurement.flatMap(p -> p.mapping(mapping))
                    .flatMap(m -> m.targetKey(targetColumns.get(columns)));
            String note = transformed.isEmpty() ? ""
                    : projected.map(p -> p.isUnique()
                            ? " (and still all distinct after the rules " + transformed + ")"
                            : " (after the rules " + transformed + ": " + count(p.duplicateRows()) + " rows)")
                    .orElse(" (counted on the source values; the rules " + transformed + " may merge more)");
            Optional<KeyProfile> kp = measurement.flatMap(p -> p.key(columns));
            Draft draft;
            if (kp.isPresent() && !kp.get().isUnique()) {
                KeyProfile k = kp.get();
                draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                        "%s needs (%s) unique, but %s rows repeat a value an earlier row has (%s values occur more "
                                + "than once, e.g. %s)%s", what, String.join(", ", columns), count(k.duplicateRows()),
                        count(k.duplicateValues()), k.examples().isEmpty() ? "?" : k.examples().get(0).key() + " in "
                                + k.examples().get(0).value(), note)
                        .rows(k.duplicateRows());
            } else if (!transformed.isEmpty() && projected.isPresent() && !projected.get().isUnique()) {
                KeyProfile p = projected.get();
                draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                        "%s needs (%s) unique; the source values are distinct, but after the rules %s, %s rows "
                                + "repeat a value an earlier row has (%s values occur more than once)", what,
                        String.join(", ", columns), transformed, count(p.duplicateRows()), count(p.duplicateValues()))
                        .rows(p.duplicateRows());
            } else if (kp.isPresent()) {
                draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s needs (%s) unique; the source does not enforce it, though today's %s values are all "
                                + "distinct%s", what, String.join(", ", columns), count(kp.get().distinct()), note)
                        .rows(0);
            } else {
                draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s needs (%s) unique; the source does not enforce it and the data was not measured", what,
                        String.join(", ", columns));
            }
            List<String> subjects = new ArrayList<>(columns);
            subjects.addAll(targetColumns.get(columns));
            draft.fix("remove the duplicates in the source, keep them out with a named filter, or choose a key "
                    + "that identifies rows").source(table).scope(List.of(mapping), subjects.toArray(String[]::new));
        }
    }

    private void computedKey(TableInfo table, TableMapping mapping, TableInfo targetTable, KeyInfo key, String label,
                             Optional<TableProfile> measurement) {
        String location = mapping.target() + "(" + String.join(", ", key.columns()) + ")";
        List<FieldMapping> constants = key.columns().stream().map(c -> mapping.fieldFor(c).orElseThrow())
                .filter(f -> f.isComputed() && f.derivation().isEmpty()).toList();
        long rows = rowsReaching(table, measurement.flatMap(p -> p.mapping(mapping)));
        Draft draft;
        if (constants.size() == key.columns().size()) {
            draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                    "%s of %s is filled with constants, so %s rows would share one value", label, targetTable.id(),
                    rows < 0 ? "all" : "all " + count(rows));
            if (rows > 1) {
                draft.rows(rows - 1);
            }
        } else {
            Optional<KeyProfile> projected = measurement.flatMap(p -> p.mapping(mapping))
                    .flatMap(m -> m.targetKey(key.columns()));
            if (projected.isPresent() && !projected.get().isUnique()) {
                draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.BLOCKER, location,
                        "%s of %s is fed by computed values, and %s rows would repeat a value an earlier row has "
                                + "(%s values occur more than once)", label, targetTable.id(),
                        count(projected.get().duplicateRows()), count(projected.get().duplicateValues()))
                        .rows(projected.get().duplicateRows());
            } else if (projected.isPresent()) {
                draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s of %s is fed by computed values; today's %s values are all distinct once computed, "
                                + "but nothing in the source keeps them so", label, targetTable.id(),
                        count(projected.get().distinct())).rows(0);
            } else {
                draft = add(FindingKind.NON_UNIQUE_KEY, FindingSeverity.WARNING, location,
                        "%s of %s is fed by computed values whose uniqueness was not measured", label,
                        targetTable.id());
            }
        }
        draft.fix("feed the key from source columns that identify rows").source(table)
                .scope(List.of(mapping), key.columns().toArray(String[]::new));
    }

    private void foreignKeyParents(TableInfo table, TableMapping mapping, TableInfo targetTable,
                                   Optional<TableProfile> measurement) {
        for (ForeignKeyInfo fk : targetTable.foreignKeys()) {
            Optional<TableInfo> parent = parentOf(fk, targetTable);
            if (parent.isPresent() && parent.get().id().equals(targetTable.id())) {
                continue;
            }
            boolean migrated = parent.isPresent() && targetOf.values().stream()
                    .anyMatch(t -> t.id().equals(parent.get().id()));
            if (migrated) {
                continue;
            }
            List<FieldMapping> feeding = fk.columns().stream().map(mapping::fieldFor).flatMap(Optional::stream).toList();
            if (feeding.isEmpty()) {
                continue;
            }
            OptionalLong withValue = OptionalLong.empty();
            if (fk.columns().size() == 1 && feeding.get(0).source().isPresent()) {
                withValue = measurement.flatMap(p -> p.column(feeding.get(0).source().get()))
                        .map(c -> OptionalLong.of(c.nonNull())).orElse(OptionalLong.empty());
            }
            String location = mapping.target() + "(" + String.join(", ", fk.columns()) + ")";
            String parentName = parent.map(p -> p.id().toString()).orElse(fk.referencedTable().toString());
            String values = withValue.isPresent()
                    ? count(withValue.getAsLong()) + " of " + count(measurement.get().rows()) + " rows have a value"
                    : "rows with a value";
            long parentRows = parent.flatMap(p -> p.rowCount().isPresent() ? Optional.of(p.rowCount().getAsLong())
                    : Optional.empty()).orElse(0L);
            Draft draft;
            if (parentRows > 0) {
                draft = add(FindingKind.FK_PARENT_NOT_MIGRATED, FindingSeverity.WARNING, location,
                        "foreign key %s references %s, which the spec does not migrate; it holds %s rows in the target, "
                                + "which the %s (%s) must match", fk.name(), parentName, count(parentRows),
                        String.join(", ", fk.columns()), values);
            } else {
                draft = add(FindingKind.FK_PARENT_NOT_MIGRATED, FindingSeverity.BLOCKER, location,
                        "foreign key %s references %s, which the spec does not migrate and which is %s: %s, and each "
                                + "would violate the key", fk.name(), parentName,
                        parent.isPresent() ? "empty in the target" : "not in the target inventory", values);
            }
            withValue.ifPresent(draft::rows);
            List<String> subjects = new ArrayList<>(fk.columns());
            subjects.add(fk.name());
            draft.fix("map the source table that fills %s, or acknowledge that it is loaded another way", parentName)
                    .source(table).scope(List.of(mapping), subjects.toArray(String[]::new));
        }
    }

    private Optional<TableInfo> parentOf(ForeignKeyInfo fk, TableInfo child) {
        TableId reference = fk.referencedTable();
        try {
            if (reference.schema().isEmpty() && !child.id().schema().isEmpty()) {
                Optional<TableInfo> sameSchema = target.table(new TableId(child.id().schema(), reference.name()));
                if (sameSchema.isPresent()) {
                    return sameSchema;
                }
            }
            return target.table(reference);
        } catch (IllegalArgumentException ambiguous) {
            return Optional.empty();
        }
    }

    // ---- acknowledgements ----------------------------------------------------------------------------

    private List<Finding> acknowledge() {
        Set<Acknowledgement> used = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (Draft draft : drafts) {
            Optional<Acknowledgement> match = Optional.empty();
            for (TableMapping mapping : draft.scope) {
                match = mapping.acknowledgements().stream()
                        .filter(a -> a.kind() == draft.kind && draft.subjects.contains(a.subject())).findFirst();
                if (match.isPresent()) {
                    break;
                }
            }
            if (match.isEmpty() && draft.specSubject != null) {
                match = spec.acknowledgements().stream().filter(a -> a.kind() == draft.kind
                        && (draft.specSubject.matches(TableId.of(a.subject()))
                                || draft.specSubject.toString().equals(a.subject()))).findFirst();
            }
            match.ifPresent(used::add);
            findings.add(draft.toFinding(match.map(Acknowledgement::reason)));
        }
        for (TableMapping mapping : spec.tables()) {
            for (Acknowledgement ack : mapping.acknowledgements()) {
                if (!used.contains(ack)) {
                    findings.add(unused(mapping.describe(), ack));
                }
            }
        }
        for (Acknowledgement ack : spec.acknowledgements()) {
            if (!used.contains(ack)) {
                findings.add(unused(ack.subject(), ack));
            }
        }
        return findings;
    }

    private static Finding unused(String location, Acknowledgement ack) {
        return new Finding(FindingKind.UNUSED_ACKNOWLEDGEMENT, FindingSeverity.INFO, location,
                "the acknowledgement of " + ack.kind() + " on '" + ack.subject() + "' matches no finding",
                "remove it, or correct its column or kind", OptionalLong.empty(), Optional.empty(), Optional.empty());
    }
}
