package dev.migrationstudio.risk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.ArtifactKind;
import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.DependencyGraph;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The automatic risk rules, configured and applied to an inventory.
 *
 * <pre>{@code
 * RiskRegister risks = RiskRules.standard()
 *     .largeTableThreshold(10_000_000)
 *     .assess(inventory);
 * }</pre>
 *
 * <p>The standard rules find: tables without a primary key, foreign-key cycles (self-references
 * included), LOB and binary columns, very large tables, columns of unsupported types, and foreign
 * keys to tables outside the inventory. Every foreign key also becomes an ordering constraint
 * (parent before child). Instances are immutable; each option returns a new instance.
 */
public final class RiskRules {

    /** Default row count above which a table counts as very large (default: 1,000,000 rows). */
    public static final long DEFAULT_LARGE_TABLE_ROWS = 1_000_000;

    private final long largeTableRows;
    private final Predicate<SqlType> unsupported;
    private final List<RiskRule> extraRules;

    private RiskRules(long largeTableRows, Predicate<SqlType> unsupported, List<RiskRule> extraRules) {
        this.largeTableRows = largeTableRows;
        this.unsupported = unsupported;
        this.extraRules = List.copyOf(extraRules);
    }

    /**
     * The standard rules: large tables above {@value #DEFAULT_LARGE_TABLE_ROWS} rows, and types of kind
     * {@link SqlType.Kind#OTHER} (types the engine-neutral model does not know) unsupported.
     *
     * @return the standard rules
     */
    public static RiskRules standard() {
        return new RiskRules(DEFAULT_LARGE_TABLE_ROWS, type -> type.kind() == SqlType.Kind.OTHER, List.of());
    }

    /**
     * Tables with more rows than this count as very large (default: 1,000,000).
     *
     * @param rows the threshold, in rows; at least 1
     * @return a copy of these rules with that threshold
     */
    public RiskRules largeTableThreshold(long rows) {
        checkArgument(rows > 0, "large table threshold must be positive, got %s", rows);
        return new RiskRules(rows, unsupported, extraRules);
    }

    /**
     * Marks these kinds unsupported, in addition to those already marked.
     *
     * @param kinds the kinds
     * @return a copy of these rules
     */
    public RiskRules unsupportedKinds(SqlType.Kind... kinds) {
        Set<SqlType.Kind> set = EnumSet.noneOf(SqlType.Kind.class);
        set.addAll(List.of(kinds));
        return new RiskRules(largeTableRows, unsupported.or(type -> set.contains(type.kind())), extraRules);
    }

    /**
     * Marks types unsupported by native name (case-insensitive), e.g. {@code "money"}, {@code "xml"}.
     *
     * @param nativeNames the types' native names
     * @return a copy of these rules
     */
    public RiskRules unsupportedTypes(String... nativeNames) {
        List<String> names = List.of(nativeNames);
        return new RiskRules(largeTableRows,
                unsupported.or(type -> names.stream().anyMatch(n -> n.equalsIgnoreCase(type.nativeName()))),
                extraRules);
    }

    /**
     * Adds a house rule.
     *
     * @param rule the rule; not null
     * @return a copy of these rules with the rule added
     */
    public RiskRules with(RiskRule rule) {
        List<RiskRule> rules = new ArrayList<>(extraRules);
        rules.add(checkNotNull(rule, "rule"));
        return new RiskRules(largeTableRows, unsupported, rules);
    }

    /**
     * Applies every rule and returns the findings, with ordering constraints from foreign keys.
     *
     * @param inventory the inventory; not null
     * @return the register, its risks numbered
     */
    public RiskRegister assess(Inventory inventory) {
        checkNotNull(inventory, "inventory");
        DependencyGraph graph = inventory.dependencyGraph();
        List<Risk> found = new ArrayList<>();
        found.addAll(noPrimaryKey(inventory));
        found.addAll(foreignKeyCycles(graph));
        found.addAll(externalReferences(graph));
        found.addAll(lobColumns(inventory));
        found.addAll(largeTables(inventory));
        found.addAll(unsupportedTypes(inventory));
        found.addAll(replicationSlots(inventory));
        for (RiskRule rule : extraRules) {
            found.addAll(rule.assess(inventory));
        }
        RiskRegister.Builder register = RiskRegister.builder();
        for (Risk risk : found) {
            register.risk(withBlastRadius(risk, graph, inventory));
        }
        for (var edge : graph.edges()) {
            if (!edge.getKey().equals(edge.getValue())) {
                register.order(edge.getValue().toString(), edge.getKey().toString(),
                        edge.getKey() + " has a foreign key to " + edge.getValue());
            }
        }
        return register.build();
    }

    private static Risk withBlastRadius(Risk risk, DependencyGraph graph, Inventory inventory) {
        Set<String> radius = new TreeSet<>();
        for (String affected : risk.affects()) {
            tableNamed(inventory, affected).ifPresent(table -> {
                DependencyGraph.BlastRadius blast = graph.blastRadius(table);
                blast.tables().forEach(t -> radius.add("table " + t));
                blast.artifacts().forEach(a -> radius.add("artifact " + a));
                // Views read tables as artifacts do; the engine's catalog says which.
                Set<TableId> touched = new TreeSet<>(blast.tables());
                touched.add(table);
                inventory.views().stream()
                        .filter(v -> v.reads().stream().anyMatch(r -> touched.stream().anyMatch(t -> t.matches(r.table()))))
                        .forEach(v -> radius.add("view " + v.id()));
            });
        }
        return risk.withBlastRadius(List.copyOf(radius));
    }

    /** The table an affected name ({@code table} or {@code table.column}) points at. */
    private static Optional<TableId> tableNamed(Inventory inventory, String affected) {
        return inventory.tables().stream().map(TableInfo::id)
                .filter(id -> affected.equals(id.toString()) || affected.startsWith(id + "."))
                .findFirst();
    }

    /** A replication slot keeps the source's WAL until dropped: one left behind fills its disk. */
    private static List<Risk> replicationSlots(Inventory inventory) {
        List<Risk> risks = new ArrayList<>();
        for (Artifact slot : inventory.artifacts()) {
            if (slot.kind() == ArtifactKind.REPLICATION_SLOT) {
                risks.add(Risk.automatic("replication-slot", "Replication slot " + slot.name() + " on the source: "
                                + slot.description(), Severity.HIGH, Likelihood.POSSIBLE,
                        "Drop it when no migration or replica uses it any more (PostgresChangeCapture.drop(), or "
                                + "SELECT pg_drop_replication_slot('" + slot.name() + "')); until then the source keeps "
                                + "every WAL segment since the slot's position, and its disk fills",
                        List.of(slot.name())));
            }
        }
        return risks;
    }

    private static List<Risk> noPrimaryKey(Inventory inventory) {
        List<Risk> risks = new ArrayList<>();
        for (TableInfo table : inventory.tables()) {
            if (table.primaryKey().isEmpty()) {
                risks.add(Risk.automatic("no-primary-key", "Table " + table.id() + " has no primary key",
                        Severity.HIGH, Likelihood.LIKELY,
                        "Declare a key in the mapping (a unique column set) or accept a whole-table reload; "
                                + "verification falls back to multiset comparison",
                        List.of(table.id().toString())));
            }
        }
        return risks;
    }

    private static List<Risk> foreignKeyCycles(DependencyGraph graph) {
        List<Risk> risks = new ArrayList<>();
        for (DependencyGraph.Cycle cycle : graph.cycles()) {
            String title = cycle.isSelfReference()
                    ? "Table " + cycle.tables().get(0) + " references itself"
                    : "Foreign-key cycle between " + String.join(", ",
                            cycle.tables().stream().map(TableId::toString).toList());
            risks.add(Risk.automatic("foreign-key-cycle", title + " (" + cycle.describe() + ")",
                    Severity.MEDIUM, Likelihood.LIKELY,
                    "Rows whose parent comes later wait and load at the end of the run (JdbcMigrator does "
                            + "this); rows that reference each other need the constraint created after the "
                            + "load; verify the foreign keys after loading",
                    cycle.tables().stream().map(TableId::toString).toList()));
        }
        return risks;
    }

    private static List<Risk> externalReferences(DependencyGraph graph) {
        List<Risk> risks = new ArrayList<>();
        for (String reference : graph.externalReferences()) {
            risks.add(Risk.automatic("external-reference",
                    "Foreign key to a table outside the inventory: " + reference, Severity.HIGH, Likelihood.LIKELY,
                    "Bring the parent table into scope or drop the constraint in the target with a reason",
                    List.of(reference.substring(0, reference.indexOf('.')))));
        }
        return risks;
    }

    private static List<Risk> lobColumns(Inventory inventory) {
        List<Risk> risks = new ArrayList<>();
        for (TableInfo table : inventory.tables()) {
            for (ColumnInfo column : table.columns()) {
                SqlType.Kind kind = column.type().kind();
                if (kind.isLob() || kind.isBinary()) {
                    risks.add(Risk.automatic("lob-column",
                            "Column " + table.id() + "." + column.name() + " holds large or binary values ("
                                    + column.type().nativeName() + ")",
                            Severity.MEDIUM, Likelihood.POSSIBLE,
                            "Stream with a small fetch size, compare by hash, and check the target's size limits",
                            List.of(table.id() + "." + column.name())));
                }
            }
        }
        return risks;
    }

    private List<Risk> largeTables(Inventory inventory) {
        List<Risk> risks = new ArrayList<>();
        for (TableInfo table : inventory.tables()) {
            long rows = table.rowCount().orElse(0);
            if (rows > largeTableRows) {
                risks.add(Risk.automatic("large-table",
                        String.format("Table %s is very large (%,d rows%s)", table.id(), rows,
                                table.rowCountEstimated() ? ", estimated" : ""),
                        Severity.HIGH, Likelihood.POSSIBLE,
                        "Migrate in resumable chunks ahead of the window, then a final delta; "
                                + "measure throughput in a rehearsal",
                        List.of(table.id().toString())));
            }
        }
        return risks;
    }

    private List<Risk> unsupportedTypes(Inventory inventory) {
        List<Risk> risks = new ArrayList<>();
        for (TableInfo table : inventory.tables()) {
            for (ColumnInfo column : table.columns()) {
                if (unsupported.test(column.type())) {
                    risks.add(Risk.automatic("unsupported-type",
                            "Column " + table.id() + "." + column.name() + " has unsupported type "
                                    + column.type().nativeName(),
                            Severity.HIGH, Likelihood.LIKELY,
                            "Cast it explicitly in the mapping (for example to TEXT) or drop it with a reason",
                            List.of(table.id() + "." + column.name())));
                }
            }
        }
        return risks;
    }
}
