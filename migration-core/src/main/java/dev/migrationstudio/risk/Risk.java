package dev.migrationstudio.risk;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One thing that can go wrong, how bad and how likely it is, and what is done about it.
 *
 * @param id a short identifier, unique in its register ({@code R1}, {@code R2}, ...)
 * @param title one line saying what can go wrong
 * @param severity how bad it would be
 * @param likelihood how likely it is
 * @param mitigation what is done to prevent or absorb it; empty when none is planned yet
 * @param affects the tables, columns and artifacts concerned
 * @param rule the automatic rule that found it, or empty for a declared risk
 * @param blastRadius what else is affected, through foreign keys and declared reads
 * @param downtimeEstimate the outage this risk implies, when it can be estimated
 */
public record Risk(String id, String title, Severity severity, Likelihood likelihood, String mitigation,
                   List<String> affects, Optional<String> rule, List<String> blastRadius,
                   Optional<Duration> downtimeEstimate) {

    /**
     * Validates the parts.
     *
     * @param id a short identifier, unique in its register ({@code R1}, {@code R2}, ...)
     * @param title one line saying what can go wrong
     * @param severity how bad it would be
     * @param likelihood how likely it is
     * @param mitigation what is done to prevent or absorb it; empty when none is planned yet
     * @param affects the tables, columns and artifacts concerned
     * @param rule the automatic rule that found it, or empty for a declared risk
     * @param blastRadius what else is affected, through foreign keys and declared reads
     * @param downtimeEstimate the outage this risk implies, when it can be estimated
     */
    public Risk {
        Names.requireName(id, "risk id");
        Names.requireName(title, "risk title");
        checkNotNull(severity, "severity of risk '%s'", title);
        checkNotNull(likelihood, "likelihood of risk '%s'", title);
        checkNotNull(mitigation, "mitigation of risk '%s'", title);
        affects = List.copyOf(affects);
        checkNotNull(rule, "rule of risk '%s'", title);
        blastRadius = List.copyOf(blastRadius);
        checkNotNull(downtimeEstimate, "downtimeEstimate of risk '%s'", title);
    }

    /**
     * Severity weight times likelihood weight: 1 to 20.
     *
     * @return the score
     */
    public int score() {
        return severity.weight() * likelihood.weight();
    }

    /**
     * Whether an automatic rule found this risk (rather than a person declaring it).
     *
     * @return {@code true} for a risk a rule found
     */
    public boolean isAutomatic() {
        return rule.isPresent();
    }

    /**
     * Whether a mitigation is recorded.
     *
     * @return {@code true} when the mitigation is not blank
     */
    public boolean isMitigated() {
        return !mitigation.isBlank();
    }

    /**
     * This risk with another id (registers number their risks).
     *
     * @param newId the id, e.g. {@code R3}
     * @return a copy of this risk with that id
     */
    public Risk withId(String newId) {
        return new Risk(newId, title, severity, likelihood, mitigation, affects, rule, blastRadius, downtimeEstimate);
    }

    /**
     * This risk with its blast radius.
     *
     * @param radius the tables and artifacts affected
     * @return a copy of this risk with that blast radius
     */
    public Risk withBlastRadius(List<String> radius) {
        return new Risk(id, title, severity, likelihood, mitigation, affects, rule, radius, downtimeEstimate);
    }

    /**
     * This risk with an estimated downtime.
     *
     * @param downtime the estimated downtime; not null
     * @return a copy of this risk with that estimate
     */
    public Risk withDowntimeEstimate(Duration downtime) {
        checkNotNull(downtime, "downtime");
        return new Risk(id, title, severity, likelihood, mitigation, affects, rule, blastRadius, Optional.of(downtime));
    }

    /**
     * A risk found by an automatic rule; the register assigns its id.
     *
     * @param rule the rule's name, e.g. {@code large-table}
     * @param title one line saying what can go wrong
     * @param severity how bad it would be
     * @param likelihood how likely it is
     * @param mitigation what is done about it; empty when nothing is planned yet
     * @param affects the tables, columns and artifacts concerned
     * @return the risk, with id {@code ?} until a register numbers it
     */
    public static Risk automatic(String rule, String title, Severity severity, Likelihood likelihood,
                                 String mitigation, List<String> affects) {
        return new Risk("?", title, severity, likelihood, mitigation, affects, Optional.of(rule), List.of(),
                Optional.empty());
    }
}
