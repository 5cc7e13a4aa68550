package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hashing;
import dev.migrationstudio.Names;
import dev.migrationstudio.internal.Problems;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The field-level mapping from every source table to its target, with explicit rules. A pure value:
 * apply it in memory in a unit test, execute it over JDBC, project the source through it to verify,
 * render it as a document.
 *
 * <pre>{@code
 * MappingSpec spec = MappingSpec.builder("chinook-to-v2")
 *     .table("customer").to("client", t -> t
 *         .key("customer_id").to("client_id")
 *         .field("first_name").to("given_name").transform(Transforms.trim())
 *         .field("email").transform(Transforms.lowerCase())
 *         .derive("display_name", List.of("first_name", "last_name"),
 *                 row -> row.string("first_name") + " " + row.string("last_name"))
 *         .fill("status", "ACTIVE")
 *         .drop("fax", "no longer collected"))
 *     .build();
 * }</pre>
 *
 * <p>{@link #fingerprint()} identifies the spec: the same spec gives the same fingerprint in every
 * JVM run, and any change to a rule changes it. Runs record it so that a resumed run refuses a
 * changed spec.
 */
public final class MappingSpec {
    private final String name;
    private final List<TableMapping> tables;
    private final List<Acknowledgement> acknowledgements;
    private final String fingerprint;

    private MappingSpec(String name, List<TableMapping> tables, List<Acknowledgement> acknowledgements) {
        this.name = name;
        this.tables = List.copyOf(tables);
        this.acknowledgements = List.copyOf(acknowledgements);
        this.fingerprint = Hashing.sha256().hashString(canonicalText(), StandardCharsets.UTF_8).toString();
    }

    /** Starts a spec. */
    public static Builder builder(String name) {
        return new Builder(Names.requireName(name, "spec name"));
    }

    /** The spec's name. */
    public String name() {
        return name;
    }

    /** Every table mapping, in declaration order. */
    public List<TableMapping> tables() {
        return tables;
    }

    /**
     * Review findings accepted for source tables that no table mapping covers (a table left behind, a
     * view reading it), with reasons; see {@link Builder#acknowledge}. Acknowledgements inside a table
     * mapping are in {@link TableMapping#acknowledgements()}.
     */
    public List<Acknowledgement> acknowledgements() {
        return acknowledgements;
    }

    /** The first mapping of a source table (by unqualified or qualified name). */
    public Optional<TableMapping> table(String sourceTable) {
        return table(TableId.of(sourceTable));
    }

    /** The first mapping of a source table. */
    public Optional<TableMapping> table(TableId sourceTable) {
        return tables.stream().filter(t -> t.source().matches(sourceTable)).findFirst();
    }

    /** The mapping that fills a target table. */
    public Optional<TableMapping> tableFor(String targetTable) {
        return tables.stream().filter(t -> t.target().matches(TableId.of(targetTable))).findFirst();
    }

    /** SHA-256 of the spec's canonical text, as 64 hexadecimal characters. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The text the fingerprint is computed from: every table, field, rule, drop and filter, in
     * order, each rule by its exact description. Useful to see why two fingerprints differ.
     */
    public String canonicalText() {
        StringBuilder text = new StringBuilder("spec ").append(name).append('\n');
        for (TableMapping table : tables) {
            text.append("table ").append(quoted(table.source())).append(" -> ").append(quoted(table.target()))
                    .append('\n');
            table.withoutKeyReason().ifPresent(r -> text.append("  without key: ").append(r).append('\n'));
            for (FieldMapping field : table.fields()) {
                text.append(field.key() ? "  key " : "  field ").append(field.source().orElse("-"))
                        .append(" -> ").append(field.target());
                for (TransformRule rule : field.rules()) {
                    text.append(" | ").append(rule.describe());
                }
                text.append('\n');
            }
            table.drops().forEach(d -> text.append("  ").append(d.describe()).append('\n'));
            table.filters().forEach(f -> text.append("  ").append(f.describe()).append('\n'));
            table.acknowledgements().forEach(a -> text.append("  ").append(a.describe()).append('\n'));
        }
        acknowledgements.forEach(a -> text.append(a.describe()).append('\n'));
        return text.toString();
    }

    private static String quoted(TableId id) {
        return id.schema().isEmpty() ? "\"" + id.name() + "\"" : "\"" + id.schema() + "\".\"" + id.name() + "\"";
    }

    @Override
    public String toString() {
        return "MappingSpec[" + name + ", " + tables.size() + " tables, " + fingerprint.substring(0, 12) + "]";
    }

    /** Builds a {@link MappingSpec}; {@link #build()} reports every mistake with its location. */
    public static final class Builder {
        private final String name;
        private final List<TableMappingBuilder> tables = new ArrayList<>();
        private final List<Acknowledgement> acknowledgements = new ArrayList<>();
        private final List<String> acknowledgementProblems = new ArrayList<>();
        private Inventory sourceSchema;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Checks the spec against the source schema at {@link #build()}: source tables and every
         * column a rule names (fields, keys, derivation and filter reads, drops) must exist.
         */
        public Builder source(Inventory sourceInventory) {
            this.sourceSchema = checkNotNull(sourceInventory, "source inventory");
            return this;
        }

        /** Starts the mapping of a source table; name its target with {@link TableStep#to}. */
        public TableStep table(String sourceTable) {
            return new TableStep(this, TableId.of(sourceTable));
        }

        /** Starts the mapping of a schema-qualified source table. */
        public TableStep table(TableId sourceTable) {
            return new TableStep(this, checkNotNull(sourceTable, "source table"));
        }

        /** Maps a source table to a target table of the same name. */
        public Builder table(String sourceTable, Consumer<TableRules> rules) {
            return table(sourceTable).to(sourceTable, rules);
        }

        /**
         * Accepts a review finding about a source table that no table mapping covers (a table left
         * behind on purpose), or about a view or artifact as a whole: naming the consumer accepts its
         * one {@link FindingKind#BROKEN_CONSUMER} finding, whatever columns it reads. Inside a table
         * mapping, use {@link TableRules#acknowledge} instead.
         *
         * <pre>{@code
         * .acknowledge("audit_log", FindingKind.UNMAPPED_SOURCE_TABLE, "archived to cold storage before cutover")
         * .acknowledge("v_sales_report", FindingKind.BROKEN_CONSUMER, "rewritten for the v2 schema in release 4.2")
         * }</pre>
         *
         * @param sourceTable the source table, or the name of the view or artifact
         */
        public Builder acknowledge(String sourceTable, FindingKind kind, String reason) {
            if (sourceTable == null || sourceTable.isBlank()) {
                acknowledgementProblems.add("acknowledge() needs the source table the finding is about");
            } else if (kind == null) {
                acknowledgementProblems.add("acknowledgement on table '" + sourceTable + "' needs the kind of finding");
            } else if (reason == null || reason.isBlank()) {
                acknowledgementProblems.add("acknowledgement of " + kind + " on table '" + sourceTable
                        + "' has no reason; say why the finding is acceptable");
            } else if (acknowledgements.stream().anyMatch(a -> a.subject().equals(sourceTable) && a.kind() == kind)) {
                acknowledgementProblems.add(kind + " on table '" + sourceTable + "' is acknowledged twice");
            } else {
                acknowledgements.add(new Acknowledgement(sourceTable, kind, reason));
            }
            return this;
        }

        /**
         * Validates every table mapping and returns the spec.
         *
         * @throws dev.migrationstudio.InvalidPlanException listing each problem with its table and field
         */
        public MappingSpec build() {
            Problems problems = new Problems("Mapping spec '" + name + "'");
            problems.addIf(tables.isEmpty(), "it maps no tables");
            Set<String> pairs = new HashSet<>();
            List<TableMapping> built = new ArrayList<>();
            for (TableMappingBuilder table : tables) {
                TableId source = table.source();
                problems.addIf(!pairs.add(source + " -> " + table.target()),
                        "table %s is mapped to %s twice", source, table.target());
                Optional<TableInfo> sourceTable = Optional.empty();
                if (sourceSchema != null) {
                    sourceTable = sourceSchema.table(source);
                    problems.addIf(sourceTable.isEmpty(), "source table '%s' is not in the source inventory (tables: %s)",
                            source, sourceSchema.tables().stream().map(t -> t.id().toString()).toList());
                }
                table.build(sourceTable, problems).ifPresent(built::add);
            }
            problems.addAll(acknowledgementProblems);
            problems.throwIfAny();
            return new MappingSpec(name, built, acknowledgements);
        }
    }

    /** A source table waiting for its target. */
    public static final class TableStep {
        private final Builder builder;
        private final TableId source;

        private TableStep(Builder builder, TableId source) {
            this.builder = builder;
            this.source = source;
        }

        /** Names the target table and describes the rules. */
        public Builder to(String targetTable, Consumer<TableRules> rules) {
            return to(TableId.of(targetTable), rules);
        }

        /** Names a schema-qualified target table and describes the rules. */
        public Builder to(TableId targetTable, Consumer<TableRules> rules) {
            checkNotNull(targetTable, "target table");
            checkNotNull(rules, "rules of %s", source);
            TableMappingBuilder table = new TableMappingBuilder(source, targetTable);
            rules.accept(table);
            builder.tables.add(table);
            return builder;
        }
    }
}
