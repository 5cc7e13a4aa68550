package dev.migrationstudio.review.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FieldMapping;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.DataProfile;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.review.MappingProfile;
import dev.migrationstudio.review.ProfileRequest;
import dev.migrationstudio.review.TableProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every review rule may read: the spec, both inventories, each table mapping resolved to its
 * source and target tables, and the source data measured once per source table. Built once, before
 * any rule runs, and immutable afterwards.
 */
final class ReviewContext {

    /**
     * One table mapping whose source table the inventory has, with its target table (when the target
     * inventory has it) and what the profile measured.
     *
     * @param mapping the table mapping
     * @param source the source table
     * @param target the target table, when known
     * @param request what was asked of the profile for the source table (shared by its mappings)
     * @param measurement the source table's measurements, when the data was measured
     */
    public record Site(TableMapping mapping, TableInfo source, Optional<TableInfo> target, ProfileRequest request,
                       Optional<TableProfile> measurement) {

        /** The measurements of this mapping's rules, when measured. */
        public Optional<MappingProfile> profile() {
            return measurement.flatMap(p -> p.mapping(mapping));
        }

        /** The rows that reach the target after filters, else the table's row count, else -1. */
        public long rowsReaching() {
            return profile().map(MappingProfile::rowsKept).orElse(source.rowCount().orElse(-1));
        }

        /** The fields of the mapping, each with what is known of it. */
        public List<Field> fields() {
            List<Field> fields = new ArrayList<>();
            for (FieldMapping field : mapping.fields()) {
                // A field reading a column the source lacks is reported as such; its values cannot be judged.
                boolean readable = field.sourceColumnsRead().stream().allMatch(source::hasColumn);
                fields.add(new Field(this, field, readable, target.flatMap(t -> t.column(field.target())),
                        profile().flatMap(m -> m.field(field.target()))));
            }
            return fields;
        }
    }

    /**
     * One field of a site.
     *
     * @param site the site
     * @param field the field mapping
     * @param readable whether the source table has every column the field reads
     * @param targetColumn the target column it fills, when the target table has it
     * @param profile what the field's rules gave on the data, when measured
     */
    public record Field(Site site, FieldMapping field, boolean readable, Optional<ColumnInfo> targetColumn,
                        Optional<FieldProfile> profile) {

        /** E.g. {@code customer.email -> client.email}. */
        public String location() {
            return Texts.fieldLocation(site.mapping(), field);
        }
    }

    private final MappingSpec spec;
    private final Inventory source;
    private final Inventory target;
    private final Map<TableId, List<TableMapping>> bySource;
    private final List<Site> sites;
    private final List<TableProfile> profiles;

    private ReviewContext(MappingSpec spec, Inventory source, Inventory target,
                          Map<TableId, List<TableMapping>> bySource, List<Site> sites, List<TableProfile> profiles) {
        this.spec = spec;
        this.source = source;
        this.target = target;
        this.bySource = bySource;
        this.sites = List.copyOf(sites);
        this.profiles = List.copyOf(profiles);
    }

    /**
     * Resolves every table mapping and measures each source table once, with everything the rules need
     * from it.
     *
     * @throws dev.migrationstudio.MigrationException if the profile cannot read the data
     */
    public static ReviewContext of(MappingSpec spec, Inventory source, Inventory target, DataProfile profile) {
        checkNotNull(spec, "spec");
        checkNotNull(profile, "profile");
        Map<TableId, List<TableMapping>> bySource = new LinkedHashMap<>();
        Map<TableMapping, TableInfo> targets = new IdentityHashMap<>();
        for (TableMapping mapping : spec.tables()) {
            find(source, mapping.source()).ifPresent(t -> bySource.computeIfAbsent(t.id(), k -> new ArrayList<>())
                    .add(mapping));
            find(target, mapping.target()).ifPresent(t -> targets.put(mapping, t));
        }
        List<Site> sites = new ArrayList<>();
        List<TableProfile> profiles = new ArrayList<>();
        Map<TableId, List<TableMapping>> frozen = new LinkedHashMap<>();
        bySource.forEach((id, mappings) -> {
            TableInfo table = source.table(id).orElseThrow();
            ProfileRequest request = request(table, mappings, targets);
            Optional<TableProfile> measurement = profile.measure(request);
            measurement.ifPresent(profiles::add);
            for (TableMapping mapping : mappings) {
                sites.add(new Site(mapping, table, Optional.ofNullable(targets.get(mapping)), request, measurement));
            }
            frozen.put(id, List.copyOf(mappings));
        });
        return new ReviewContext(spec, source, target, Collections.unmodifiableMap(frozen), sites, profiles);
    }

    /** The spec reviewed. */
    public MappingSpec spec() {
        return spec;
    }

    /** The source inventory. */
    public Inventory source() {
        return source;
    }

    /** The target inventory. */
    public Inventory target() {
        return target;
    }

    /** Every table mapping whose source table is known, grouped by source table, in spec order. */
    public List<Site> sites() {
        return sites;
    }

    /** The mappings reading a source table (as discovered), in spec order. */
    public List<TableMapping> mappingsOf(TableId sourceTable) {
        return bySource.getOrDefault(sourceTable, List.of());
    }

    /** Whether some mapping reads this source table. */
    public boolean isMapped(TableId sourceTable) {
        return bySource.containsKey(sourceTable);
    }

    /** The site of a mapping, when its source table is known. */
    public Optional<Site> site(TableMapping mapping) {
        return sites.stream().filter(s -> s.mapping() == mapping).findFirst();
    }

    /** Whether some mapping writes this target table. */
    public boolean isTargetFilled(TableId targetTable) {
        return sites.stream().anyMatch(s -> s.target().map(t -> t.id().equals(targetTable)).orElse(false));
    }

    /** The measurements of each source table, in spec order; empty when the data was not measured. */
    public List<TableProfile> profiles() {
        return profiles;
    }

    /** A table of an inventory, or empty when it is missing or its unqualified name is ambiguous. */
    static Optional<TableInfo> find(Inventory inventory, TableId id) {
        try {
            return inventory.table(id);
        } catch (IllegalArgumentException ambiguous) {
            return Optional.empty();
        }
    }

    /** Everything the review needs from one source table, asked in one request. */
    private static ProfileRequest request(TableInfo table, List<TableMapping> mappings,
                                          Map<TableMapping, TableInfo> targets) {
        List<String> exampleKey = mappings.stream().map(TableMapping::sourceKey)
                .filter(k -> !k.isEmpty() && k.stream().allMatch(table::hasColumn)).findFirst()
                .orElse(table.primaryKey().map(KeyInfo::columns).orElse(List.of()));
        List<List<String>> keys = new ArrayList<>();
        List<ProfileRequest.Projection> projections = new ArrayList<>();
        for (TableMapping mapping : mappings) {
            if (!mapping.sourceKey().isEmpty() && mapping.sourceKey().stream().allMatch(table::hasColumn)) {
                keys.add(mapping.sourceKey());
            }
            TableInfo targetTable = targets.get(mapping);
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

    /** A table's primary key, then its unique keys. */
    static List<KeyInfo> targetKeys(TableInfo table) {
        List<KeyInfo> keys = new ArrayList<>();
        table.primaryKey().ifPresent(keys::add);
        keys.addAll(table.uniqueKeys());
        return keys;
    }

    /** The source columns that feed target columns, when every one is copied from the source. */
    static Optional<List<String>> feed(TableMapping mapping, List<String> targetColumns) {
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
}
