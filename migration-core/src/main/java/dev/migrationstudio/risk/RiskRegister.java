package dev.migrationstudio.risk;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import dev.migrationstudio.internal.Problems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The risks of a migration, automatic findings and declared risks side by side, with the ordering
 * constraints that decide what must migrate first.
 *
 * <pre>{@code
 * RiskRegister risks = RiskRules.standard().assess(inventory).toBuilder()
 *     .risk("invoice.total must keep cents").severity(HIGH).likelihood(POSSIBLE)
 *         .mitigation("map to NUMERIC(12,2), verify sums").affects("invoice")
 *     .order("customer", "invoice", "invoices reference customers")
 *     .build();
 * }</pre>
 *
 * @param risks every risk, numbered {@code R1}, {@code R2}, ... in the order added
 * @param orderingConstraints what must migrate before what
 */
public record RiskRegister(List<Risk> risks, List<OrderingConstraint> orderingConstraints) {

    /**
     * Copies the lists.
     *
     * @param risks every risk, numbered {@code R1}, {@code R2}, ... in the order added
     * @param orderingConstraints what must migrate before what
     */
    public RiskRegister {
        risks = List.copyOf(risks);
        orderingConstraints = List.copyOf(orderingConstraints);
    }

    /**
     * A register with nothing in it.
     *
     * @return the empty register
     */
    public static RiskRegister empty() {
        return new RiskRegister(List.of(), List.of());
    }

    /**
     * Starts an empty register.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these risks and constraints, to declare more.
     *
     * @return a new builder with this register's risks and constraints
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        risks.forEach(builder::risk);
        builder.orderingConstraints.addAll(orderingConstraints);
        return builder;
    }

    /**
     * Risks from the highest score down; ties keep their ids' order.
     *
     * @return the risks, sorted
     */
    public List<Risk> sortedByScore() {
        return risks.stream().sorted(Comparator.comparingInt(Risk::score).reversed()).toList();
    }

    /**
     * Risks whose {@code affects} names the given table, column or artifact.
     *
     * @param name the name, as {@link Risk#affects()} holds it (exact match)
     * @return those risks; empty when none names it
     */
    public List<Risk> affecting(String name) {
        return risks.stream().filter(r -> r.affects().contains(name)).toList();
    }

    /**
     * The risk with this id.
     *
     * @param id the id, e.g. {@code R3}
     * @return the risk, or empty when none has that id
     */
    public Optional<Risk> risk(String id) {
        return risks.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * How many risks fall in each cell of the severity x likelihood matrix.
     *
     * @return the counts, for every severity and likelihood (zero where no risk falls)
     */
    public Map<Severity, Map<Likelihood, Integer>> matrix() {
        Map<Severity, Map<Likelihood, Integer>> matrix = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            Map<Likelihood, Integer> row = new EnumMap<>(Likelihood.class);
            for (Likelihood likelihood : Likelihood.values()) {
                row.put(likelihood, 0);
            }
            matrix.put(severity, row);
        }
        for (Risk risk : risks) {
            matrix.get(risk.severity()).merge(risk.likelihood(), 1, Integer::sum);
        }
        return matrix;
    }

    /** Builds a {@link RiskRegister}; each {@link #risk(String)} starts a declared risk. */
    public static final class Builder {
        // Ready-made and declared risks in the order added; a ready-made one is a step with its risk set.
        private final List<RiskStep> entries = new ArrayList<>();
        private final List<OrderingConstraint> orderingConstraints = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a ready-made risk (an automatic finding, for example).
         *
         * @param risk the risk; not null
         * @return this builder
         */
        public Builder risk(Risk risk) {
            RiskStep ready = new RiskStep(this, checkNotNull(risk, "risk").title());
            ready.ready = risk;
            entries.add(ready);
            return this;
        }

        /**
         * Adds ready-made risks.
         *
         * @param more the risks
         * @return this builder
         */
        public Builder risks(List<Risk> more) {
            more.forEach(this::risk);
            return this;
        }

        /**
         * Declares a risk; give it a severity and likelihood next.
         *
         * @param title one line saying what can go wrong; not blank, and unique in the register
         * @return the next step, which sets severity and likelihood
         */
        public RiskStep risk(String title) {
            RiskStep step = new RiskStep(this, Names.requireName(title, "risk title"));
            entries.add(step);
            return step;
        }

        /**
         * Declares that {@code first} must migrate before {@code then}.
         *
         * @param first what must go first (a table or artifact name)
         * @param then what must follow
         * @param reason why
         * @return this builder
         */
        public Builder order(String first, String then, String reason) {
            orderingConstraints.add(new OrderingConstraint(first, then, reason));
            return this;
        }

        /**
         * Adds an ordering constraint.
         *
         * @param constraint the constraint; not null
         * @return this builder
         */
        public Builder order(OrderingConstraint constraint) {
            orderingConstraints.add(checkNotNull(constraint, "constraint"));
            return this;
        }

        /**
         * Validates and returns the register, numbering the risks.
         *
         * @return the register
         * @throws dev.migrationstudio.InvalidPlanException if a declared risk lacks a severity or a
         *     likelihood, or a title is declared twice
         */
        public RiskRegister build() {
            Problems problems = new Problems("Risk register");
            List<Risk> all = new ArrayList<>();
            Set<String> declaredTitles = new HashSet<>();
            for (RiskStep step : entries) {
                if (step.ready != null) {
                    all.add(step.ready);
                    continue;
                }
                problems.addIf(!declaredTitles.add(step.title), "risk '%s' is declared twice", step.title);
                problems.addIf(step.severity == null, "risk '%s' has no severity", step.title);
                problems.addIf(step.likelihood == null, "risk '%s' has no likelihood", step.title);
                if (step.severity != null && step.likelihood != null) {
                    all.add(step.toRisk());
                }
            }
            problems.throwIfAny();
            List<Risk> numbered = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                numbered.add(all.get(i).withId("R" + (i + 1)));
            }
            return new RiskRegister(numbered, orderingConstraints);
        }
    }

    /** A declared risk being described; ends with another {@code risk}, an {@code order} or {@code build}. */
    public static final class RiskStep {
        private final Builder builder;
        private final String title;
        private Risk ready;
        private Severity severity;
        private Likelihood likelihood;
        private String mitigation = "";
        private final List<String> affects = new ArrayList<>();

        private RiskStep(Builder builder, String title) {
            this.builder = builder;
            this.title = title;
        }

        /**
         * How bad it would be.
         *
         * @param value the severity; not null
         * @return this step
         */
        public RiskStep severity(Severity value) {
            this.severity = checkNotNull(value, "severity of risk '%s'", title);
            return this;
        }

        /**
         * How likely it is.
         *
         * @param value the likelihood; not null
         * @return this step
         */
        public RiskStep likelihood(Likelihood value) {
            this.likelihood = checkNotNull(value, "likelihood of risk '%s'", title);
            return this;
        }

        /**
         * What is done about it.
         *
         * @param text the mitigation; not blank
         * @return this step
         */
        public RiskStep mitigation(String text) {
            this.mitigation = Names.requireName(text, "mitigation of risk '" + title + "'");
            return this;
        }

        /**
         * Tables, columns or artifacts concerned.
         *
         * @param names the names; at least one, none blank
         * @return this step
         */
        public RiskStep affects(String... names) {
            affects.addAll(Names.requireNames(names, "affected name"));
            return this;
        }

        /**
         * Declares the next risk.
         *
         * @param nextTitle the next risk's title; not blank
         * @return the next risk's step
         */
        public RiskStep risk(String nextTitle) {
            return builder.risk(nextTitle);
        }

        /**
         * Adds a ready-made risk.
         *
         * @param risk the risk; not null
         * @return the register's builder
         */
        public Builder risk(Risk risk) {
            return builder.risk(risk);
        }

        /**
         * Declares an ordering constraint.
         *
         * @param first what must go first (a table or artifact name)
         * @param then what must follow
         * @param reason why
         * @return the register's builder
         */
        public Builder order(String first, String then, String reason) {
            return builder.order(first, then, reason);
        }

        /**
         * Validates and returns the register.
         *
         * @return the register
         */
        public RiskRegister build() {
            return builder.build();
        }

        private Risk toRisk() {
            return new Risk("?", title, severity, likelihood, mitigation, affects, Optional.empty(), List.of(),
                    Optional.empty());
        }
    }
}
