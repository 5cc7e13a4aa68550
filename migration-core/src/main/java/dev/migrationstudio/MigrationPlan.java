package dev.migrationstudio;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.internal.Problems;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.report.Doc;
import dev.migrationstudio.report.Docs;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.format.Formats;
import dev.migrationstudio.report.SignOff;
import dev.migrationstudio.report.Text;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.RiskRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole migration plan: inventory, risk register, mapping spec, runbook and rollback plan.
 * One immutable model that everything else is driven from, and that renders as the evidence pack
 * a team reviews.
 *
 * <pre>{@code
 * MigrationPlan plan = MigrationPlan.builder("chinook v2")
 *     .inventory(inventory)
 *     .risks(risks)              // default: RiskRules.standard().assess(inventory)
 *     .mapping(spec)
 *     .runbook(runbook)
 *     .rollback(rollback)
 *     .build();
 * plan.evidencePack().writeTo(Path.of("target/evidence"));
 * }</pre>
 */
public final class MigrationPlan {
    private final String name;
    private final Inventory inventory;
    private final RiskRegister risks;
    private final MappingSpec mapping;
    private final Optional<Runbook> runbook;
    private final Optional<RollbackPlan> rollback;

    private MigrationPlan(Builder builder) {
        this.name = builder.name;
        this.inventory = builder.inventory;
        this.risks = builder.risks != null ? builder.risks : RiskRules.standard().assess(builder.inventory);
        this.mapping = builder.mapping;
        this.runbook = Optional.ofNullable(builder.runbook);
        this.rollback = Optional.ofNullable(builder.rollback);
    }

    /**
     * Starts a plan.
     *
     * @param name the plan's name, used in titles and the evidence pack; not blank
     * @return a builder; inventory and mapping are required before {@link Builder#build()}
     */
    public static Builder builder(String name) {
        return new Builder(Names.requireName(name, "plan name"));
    }

    /**
     * The plan's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * What is migrated and what depends on it.
     *
     * @return the inventory
     */
    public Inventory inventory() {
        return inventory;
    }

    /**
     * What can go wrong.
     *
     * @return the risk register; the standard rules' findings unless one was given
     */
    public RiskRegister risks() {
        return risks;
    }

    /**
     * How every source field maps to its target.
     *
     * @return the mapping spec
     */
    public MappingSpec mapping() {
        return mapping;
    }

    /**
     * The cutover runbook, once written.
     *
     * @return the runbook; empty when none was given
     */
    public Optional<Runbook> runbook() {
        return runbook;
    }

    /**
     * The rollback plan, once written.
     *
     * @return the rollback plan; empty when none was given
     */
    public Optional<RollbackPlan> rollback() {
        return rollback;
    }

    /**
     * Every part rendered as Markdown, HTML and JSON, with an overview ({@code plan}), and the spec
     * fingerprint filled in on the index's sign-off. Add the review, migration result and
     * verification report to it as they are produced, with {@link EvidencePack#with(String, Doc)}
     * or {@link EvidencePack#with(EvidencePack)}.
     *
     * @return a new evidence pack with the plan's documents
     */
    public EvidencePack evidencePack() {
        EvidencePack pack = EvidencePack.titled("Evidence pack: " + name)
                .signOff(SignOff.blank().specFingerprint(mapping.fingerprint()))
                .with("plan", overview())
                .with("inventory", Docs.inventory(inventory))
                .with("risks", Docs.risks(risks))
                .with("mapping", Docs.mapping(mapping));
        if (runbook.isPresent()) {
            pack = pack.with("runbook", Docs.runbook(runbook.get()));
        }
        if (rollback.isPresent()) {
            pack = pack.with("rollback", runbook.map(r -> Docs.rollback(rollback.get(), r))
                    .orElseGet(() -> Docs.rollback(rollback.get())));
        }
        return pack;
    }

    /** The overview: one line per stage. */
    private Doc overview() {
        String inventoryLine = Formats.plural(inventory.tables().size(), "table") + ", "
                + Formats.plural(inventory.totalRows(), "row") + ", "
                + Formats.plural(inventory.artifacts().size(), "other artifact") + "; "
                + Formats.plural(risks.risks().size(), "risk") + ", highest score "
                + risks.sortedByScore().stream().findFirst().map(r -> String.valueOf(r.score())).orElse("-");
        Text mappingLine = Text.of(Formats.plural(mapping.tables().size(), "table mapping") + ", fingerprint ")
                .andCode(mapping.fingerprint().substring(0, 16));
        String cutoverLine = runbook.map(r -> Formats.plural(r.steps().size(), "step") + ", "
                        + Formats.plural(r.gates().size(), "gate") + ", expected "
                        + Formats.duration(r.expectedDuration())).orElse("no runbook yet")
                + "; " + rollback.map(r -> "rollback RTO " + Formats.duration(r.rto())).orElse("no rollback plan yet");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("tables", inventory.tables().size());
        data.put("rows", inventory.totalRows());
        data.put("artifacts", inventory.artifacts().size());
        data.put("risks", risks.risks().size());
        data.put("tableMappings", mapping.tables().size());
        data.put("specFingerprint", mapping.fingerprint());
        data.put("runbook", runbook.map(Runbook::name));
        data.put("rollback", rollback.map(RollbackPlan::name));
        return Doc.of("Migration plan: " + name, data, body -> body.table(List.of("Stage", "Summary"), List.of(
                List.of(Stage.INVENTORY.title(), inventoryLine),
                List.of(Stage.MAPPING.title(), mappingLine),
                List.of(Stage.CUTOVER.title(), cutoverLine))));
    }

    /** Builds a {@link MigrationPlan}, checking that its parts agree with each other. */
    public static final class Builder {
        private final String name;
        private Inventory inventory;
        private RiskRegister risks;
        private MappingSpec mapping;
        private Runbook runbook;
        private RollbackPlan rollback;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * What is migrated (required).
         *
         * @param value the inventory of the source; not null
         * @return this builder
         */
        public Builder inventory(Inventory value) {
            this.inventory = checkNotNull(value, "inventory");
            return this;
        }

        /**
         * The risk register (default: the standard rules applied to the inventory).
         *
         * @param value the register to use instead of the standard rules'; not null
         * @return this builder
         */
        public Builder risks(RiskRegister value) {
            this.risks = checkNotNull(value, "risks");
            return this;
        }

        /**
         * The mapping spec (required).
         *
         * @param value the spec; not null
         * @return this builder
         */
        public Builder mapping(MappingSpec value) {
            this.mapping = checkNotNull(value, "mapping");
            return this;
        }

        /**
         * The cutover runbook.
         *
         * @param value the runbook; not null
         * @return this builder
         */
        public Builder runbook(Runbook value) {
            this.runbook = checkNotNull(value, "runbook");
            return this;
        }

        /**
         * The rollback plan.
         *
         * @param value the rollback plan; not null
         * @return this builder
         */
        public Builder rollback(RollbackPlan value) {
            this.rollback = checkNotNull(value, "rollback");
            return this;
        }

        /**
         * Validates and returns the plan.
         *
         * @return the plan
         * @throws InvalidPlanException if the inventory or the mapping is missing, or the mapping
         *     reads a source table the inventory does not list
         */
        public MigrationPlan build() {
            Problems problems = new Problems("Migration plan '" + name + "'");
            problems.addIf(inventory == null, "it has no inventory; call inventory(..)");
            problems.addIf(mapping == null, "it has no mapping spec; call mapping(..)");
            if (inventory != null && mapping != null && !inventory.tables().isEmpty()) {
                for (TableMapping table : mapping.tables()) {
                    boolean listed;
                    try {
                        listed = inventory.table(table.source()).isPresent();
                    } catch (IllegalArgumentException ambiguous) {
                        problems.add("mapping %s: %s", table.describe(), ambiguous.getMessage());
                        continue;
                    }
                    problems.addIf(!listed, "mapping %s reads source table '%s', which the inventory does not list%s",
                            table.describe(), table.source(), Names.nearMissHint(table.source().toString(),
                                    inventory.tables().stream().map(t -> table.source().schema().isEmpty()
                                            ? t.id().name() : t.id().toString()).toList()));
                }
            }
            problems.throwIfAny();
            return new MigrationPlan(this);
        }
    }
}
