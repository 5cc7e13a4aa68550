package dev.migrationstudio.mapping;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hashing;
import dev.migrationstudio.Names;
import dev.migrationstudio.internal.Problems;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.internal.CodeDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * JVM run, and any change to a rule, including the code of its Java functions, changes it (what is
 * and is not covered is listed there). Runs record it so that a resumed run refuses a changed spec.
 */
public final class MappingSpec {
    private static final Logger LOG = LoggerFactory.getLogger(MappingSpec.class);
    private final String name;
    private final List<TableMapping> tables;
    private final List<Acknowledgement> acknowledgements;
    private final String canonicalText;
    private final String fingerprint;

    private MappingSpec(String name, List<TableMapping> tables, List<Acknowledgement> acknowledgements) {
        this.name = name;
        this.tables = List.copyOf(tables);
        this.acknowledgements = List.copyOf(acknowledgements);
        this.canonicalText = canonicalText(new CodeDigest());
        this.fingerprint = fingerprintOf(canonicalText);
    }

    /**
     * Starts a spec.
     *
     * @param name the spec's name, recorded in the ledger and the reports; not blank
     * @return a builder; at least one table mapping is required
     */
    public static Builder builder(String name) {
        return new Builder(Names.requireName(name, "spec name"));
    }

    /**
     * The spec's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The same tables, rules and acknowledgements under another name (so another fingerprint). A
     * target its old name loaded is taken over with {@code JdbcMigrator.Configuration.renamedFrom}.
     *
     * @param newName the name
     * @return the renamed spec
     */
    public MappingSpec renamed(String newName) {
        return new MappingSpec(Names.requireName(newName, "spec name"), tables, acknowledgements);
    }

    /**
     * Every table mapping, in declaration order.
     *
     * @return the table mappings, unmodifiable
     */
    public List<TableMapping> tables() {
        return tables;
    }

    /**
     * Review findings accepted for source tables that no table mapping covers (a table left behind, a
     * view reading it), with reasons; see {@link Builder#acknowledge}. Acknowledgements inside a table
     * mapping are in {@link TableMapping#acknowledgements()}.
     *
     * @return the acknowledgements, in declaration order; empty when there is none
     */
    public List<Acknowledgement> acknowledgements() {
        return acknowledgements;
    }

    /**
     * The first mapping of a source table (by unqualified or qualified name).
     *
     * @param sourceTable the source table's name, alone or with its schema
     * @return the mapping, or empty when the spec does not map that table
     */
    public Optional<TableMapping> table(String sourceTable) {
        return table(TableId.of(sourceTable));
    }

    /**
     * The first mapping of a source table.
     *
     * @param sourceTable the source table's id; an unqualified id matches any schema
     * @return the mapping, or empty when the spec does not map that table
     */
    public Optional<TableMapping> table(TableId sourceTable) {
        return tables.stream().filter(t -> t.source().matches(sourceTable)).findFirst();
    }

    /**
     * The mapping that fills a target table.
     *
     * @param targetTable the target table's name, alone or with its schema
     * @return the mapping, or empty when no mapping fills that table
     */
    public Optional<TableMapping> tableFor(String targetTable) {
        return tables.stream().filter(t -> t.target().matches(TableId.of(targetTable))).findFirst();
    }

    /**
     * SHA-256 of the spec's {@link #canonicalText() canonical text}, as 64 hexadecimal characters.
     *
     * <p>It covers every table, field, rule, drop, filter and acknowledgement, and the code of the
     * Java functions of converters, derivations and filters: the bytecode of the method implementing
     * the lambda or method reference (so changing a body changes the fingerprint, while moving it,
     * reformatting it, editing comments or changing unrelated code of the same class does not), the
     * nested lambdas and the methods of the same class it calls (three calls deep), and the values it
     * captures when they are plain values (strings, numbers, booleans, enums, {@code java.time} values,
     * collections of them) or functions. A function given as an instance of a named class is covered
     * by that class's methods and plain fields.
     *
     * <p>Not covered: the code of methods of other classes the function calls (only their names and
     * signatures), the JDK's own methods (by name: a JDK update does not change the fingerprint), the
     * state of captured objects that are not plain values (the enclosing instance, a service, a
     * cache: by class name only), and static fields. A compiler of another version may compile the
     * same source differently and so change the fingerprint. When the code cannot be read (a
     * {@link TransformRule.Convert} built directly with a function that is not a lambda of
     * {@link ValueFunction}, {@link RowFunction} or {@link RowPredicate} and not a named class, or a
     * class file that cannot be found), the fingerprint covers only the rule's name, and building the
     * spec logs a warning naming the rule.
     *
     * @return the fingerprint, lower-case hexadecimal
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The text the fingerprint is computed from: every table, field, rule, drop and filter, in
     * order, each rule by its exact description, and for each Java function a digest of its code
     * ({@code {code 0123456789abcdef}}, or {@code {code not read}}). Useful to see why two
     * fingerprints differ.
     *
     * @return the canonical text, one line per item
     */
    public String canonicalText() {
        return canonicalText;
    }

    /**
     * The canonical text a spec would have under another name, everything else the same: the
     * name is the text's first line. How a ledger moved to a renamed spec tells a pure rename (the
     * recorded text under the new name is the new spec's) from a rename with edits.
     *
     * @param canonicalText a spec's {@link #canonicalText()}, as recorded
     * @param newName the name it would have
     * @return the text with {@code newName} in its first line
     * @throws IllegalArgumentException if the text is not a spec's canonical text
     */
    public static String renamedText(String canonicalText, String newName) {
        Names.requireName(newName, "newName");
        checkArgument(canonicalText != null && canonicalText.startsWith("spec "),
                "not a spec's canonical text (it starts with 'spec <name>'): %s", canonicalText);
        int end = canonicalText.indexOf('\n');
        return "spec " + newName + (end < 0 ? "\n" : canonicalText.substring(end));
    }

    /**
     * The fingerprint of a canonical text, as {@link #fingerprint()} computes it.
     *
     * @param canonicalText a spec's {@link #canonicalText()}
     * @return SHA-256 of the text, as 64 hexadecimal characters
     */
    public static String fingerprintOf(String canonicalText) {
        return Hashing.sha256().hashString(canonicalText, StandardCharsets.UTF_8).toString();
    }

    private String canonicalText(CodeDigest digest) {
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
                    code(rule, table, digest, text);
                }
                text.append('\n');
            }
            table.drops().forEach(d -> text.append("  ").append(d.describe()).append('\n'));
            for (TransformRule.Filter filter : table.filters()) {
                text.append("  ").append(filter.describe());
                code(filter, table, digest, text);
                text.append('\n');
            }
            table.acknowledgements().forEach(a -> text.append("  ").append(a.describe()).append('\n'));
        }
        acknowledgements.forEach(a -> text.append(a.describe()).append('\n'));
        return text.toString();
    }

    /** Appends the digest of a rule's Java function, if it has one. */
    private static void code(TransformRule rule, TableMapping table, CodeDigest digest, StringBuilder text) {
        Object function = rule instanceof TransformRule.Convert ? ((TransformRule.Convert) rule).function()
                : rule instanceof TransformRule.Derive ? ((TransformRule.Derive) rule).function()
                : rule instanceof TransformRule.Filter ? ((TransformRule.Filter) rule).keep()
                : null;
        if (function == null) {
            return;
        }
        try {
            String code = digest.digest(function);
            text.append(" {code ").append(code).append('}');
        } catch (CodeDigest.UnreadableCodeException e) {
            LOG.warn("The fingerprint covers only the name of '{}' in {}, not its code: {}", rule.describe(),
                    table.describe(), e.getMessage());
            text.append(" {code not read}");
        }
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
         *
         * @param sourceInventory the source's inventory; not null
         * @return this builder
         */
        public Builder source(Inventory sourceInventory) {
            this.sourceSchema = checkNotNull(sourceInventory, "source inventory");
            return this;
        }

        /**
         * Starts the mapping of a source table; name its target with {@link TableStep#to}.
         *
         * @param sourceTable the source table's name, alone or with its schema
         * @return the next step, which names the target table
         */
        public TableStep table(String sourceTable) {
            return new TableStep(this, TableId.of(sourceTable));
        }

        /**
         * Starts the mapping of a schema-qualified source table.
         *
         * @param sourceTable the source table's id; not null
         * @return the next step, which names the target table
         */
        public TableStep table(TableId sourceTable) {
            return new TableStep(this, checkNotNull(sourceTable, "source table"));
        }

        /**
         * Maps a source table to a target table of the same name.
         *
         * @param sourceTable the source table's name, also the target table's
         * @param rules describes the table's fields, keys, filters and drops
         * @return this builder
         */
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
         * @param kind the kind of finding accepted
         * @param reason why it is accepted, for the review's record; not blank
         * @return this builder
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
         * @return the spec
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

        /**
         * Names the target table and describes the rules.
         *
         * @param targetTable the target table's name, alone or with its schema
         * @param rules describes the table's fields, keys, filters and drops; not null
         * @return the spec's builder
         */
        public Builder to(String targetTable, Consumer<TableRules> rules) {
            return to(TableId.of(targetTable), rules);
        }

        /**
         * Names a schema-qualified target table and describes the rules.
         *
         * @param targetTable the target table's id; not null
         * @param rules describes the table's fields, keys, filters and drops; not null
         * @return the spec's builder
         */
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
