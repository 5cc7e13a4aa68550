package dev.migrationstudio;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.internal.Names;
import dev.migrationstudio.internal.Problems;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.DocumentFormat;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.report.JsonReport;
import dev.migrationstudio.report.MarkdownReport;
import dev.migrationstudio.report.internal.Markdown;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.RiskRules;
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

    /** Starts a plan. */
    public static Builder builder(String name) {
        return new Builder(Names.requireName(name, "plan name"));
    }

    /** The plan's name. */
    public String name() {
        return name;
    }

    /** What is migrated and what depends on it. */
    public Inventory inventory() {
        return inventory;
    }

    /** What can go wrong. */
    public RiskRegister risks() {
        return risks;
    }

    /** How every source field maps to its target. */
    public MappingSpec mapping() {
        return mapping;
    }

    /** The cutover runbook, once written. */
    public Optional<Runbook> runbook() {
        return runbook;
    }

    /** The rollback plan, once written. */
    public Optional<RollbackPlan> rollback() {
        return rollback;
    }

    /**
     * Every part rendered as Markdown and JSON, with an overview ({@code plan.md}). Add the review,
     * migration result and verification report to it as they are produced, with
     * {@link EvidencePack#with(Document)}.
     */
    public EvidencePack evidencePack() {
        EvidencePack pack = EvidencePack.titled("Evidence pack: " + name)
                .with(new Document("plan", "Plan overview", DocumentFormat.MARKDOWN, overview()))
                .with(new Document("inventory", "Inventory", DocumentFormat.MARKDOWN, MarkdownReport.inventory(inventory)))
                .with(new Document("inventory", "Inventory", DocumentFormat.JSON, JsonReport.inventory(inventory)))
                .with(new Document("risks", "Risk register", DocumentFormat.MARKDOWN, MarkdownReport.risks(risks)))
                .with(new Document("risks", "Risk register", DocumentFormat.JSON, JsonReport.risks(risks)))
                .with(new Document("mapping", "Mapping spec", DocumentFormat.MARKDOWN, MarkdownReport.mapping(mapping)))
                .with(new Document("mapping", "Mapping spec", DocumentFormat.JSON, JsonReport.mapping(mapping)));
        if (runbook.isPresent()) {
            pack = pack.with(new Document("runbook", "Cutover runbook", DocumentFormat.MARKDOWN,
                            MarkdownReport.runbook(runbook.get())))
                    .with(new Document("runbook", "Cutover runbook", DocumentFormat.JSON,
                            JsonReport.runbook(runbook.get())));
        }
        if (rollback.isPresent()) {
            Runbook forCoverage = runbook.orElse(null);
            pack = pack.with(new Document("rollback", "Rollback plan", DocumentFormat.MARKDOWN,
                            MarkdownReport.rollback(rollback.get(), forCoverage)))
                    .with(new Document("rollback", "Rollback plan", DocumentFormat.JSON,
                            JsonReport.rollback(rollback.get(), forCoverage)));
        }
        return pack;
    }

    private String overview() {
        StringBuilder out = new StringBuilder("# Migration plan: ").append(name).append("\n\n");
        out.append("| Stage | Summary |\n| --- | --- |\n");
        out.append("| ").append(Stage.INVENTORY.title()).append(" | ").append(inventory.tables().size())
                .append(" tables, ").append(Markdown.count(inventory.totalRows())).append(" rows, ")
                .append(inventory.artifacts().size()).append(" other artifacts; ").append(risks.risks().size())
                .append(" risks, highest score ")
                .append(risks.sortedByScore().stream().findFirst().map(r -> String.valueOf(r.score())).orElse("-"))
                .append(" |\n");
        out.append("| ").append(Stage.MAPPING.title()).append(" | ").append(mapping.tables().size())
                .append(" table mappings, fingerprint ").append(Markdown.code(mapping.fingerprint().substring(0, 16)))
                .append(" |\n");
        out.append("| ").append(Stage.CUTOVER.title()).append(" | ")
                .append(runbook.map(r -> r.steps().size() + " steps, " + r.gates().size()
                        + (r.gates().size() == 1 ? " gate" : " gates") + ", expected "
                        + Markdown.duration(r.expectedDuration())).orElse("no runbook yet"))
                .append("; ")
                .append(rollback.map(r -> "rollback RTO " + Markdown.duration(r.rto())).orElse("no rollback plan yet"))
                .append(" |\n");
        return out.toString();
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

        /** What is migrated (required). */
        public Builder inventory(Inventory value) {
            this.inventory = checkNotNull(value, "inventory");
            return this;
        }

        /** The risk register (default: the standard rules applied to the inventory). */
        public Builder risks(RiskRegister value) {
            this.risks = checkNotNull(value, "risks");
            return this;
        }

        /** The mapping spec (required). */
        public Builder mapping(MappingSpec value) {
            this.mapping = checkNotNull(value, "mapping");
            return this;
        }

        /** The cutover runbook. */
        public Builder runbook(Runbook value) {
            this.runbook = checkNotNull(value, "runbook");
            return this;
        }

        /** The rollback plan. */
        public Builder rollback(RollbackPlan value) {
            this.rollback = checkNotNull(value, "rollback");
            return this;
        }

        /**
         * Validates and returns the plan.
         *
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
                    problems.addIf(!listed, "mapping %s reads source table '%s', which the inventory does not list",
                            table.describe(), table.source());
                }
            }
            problems.throwIfAny();
            return new MigrationPlan(this);
        }
    }
}
