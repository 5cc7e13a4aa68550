package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * Runs a runbook, with its rollback plan as the way back.
 *
 * <pre>{@code
 * CutoverResult rehearsal = Cutover.of(runbook, rollback).notifier(slack).rehearse();
 * if (rehearsal.goNoGo().go()) {
 *     CutoverResult result = Cutover.of(runbook, rollback).notifier(slack).execute();
 * }
 * }</pre>
 *
 * <p>Steps run in order, each timed against its expected duration; a gate's NO_GO stops the
 * cutover. Before the point of no return, a failed step or a NO_GO runs the rollback plan
 * automatically. From the point of no return on, a failure halts the cutover and escalates: no
 * automatic rollback, and the result says so plainly. A rehearsal also rehearses the rollback after
 * a successful run (restoring the rehearsal environment) and measures it against the RTO: a rollback
 * that does not fit makes the rehearsal's go/no-go a NO_GO. Manual steps (no action) are recorded
 * as {@code MANUAL}: people carry them out.
 *
 * <p>The notifier hears, once each and in order: cutover started, step started / finished / failed
 * / overran, gate decided, point of no return crossed, rolled back, cutover finished, each with the
 * runbook's communication for that moment.
 */
public final class Cutover {
    private final Runbook runbook;
    private final Optional<RollbackPlan> rollback;
    private final Notifier notifier;

    private Cutover(Runbook runbook, Optional<RollbackPlan> rollback, Notifier notifier) {
        this.runbook = runbook;
        this.rollback = rollback;
        this.notifier = notifier;
    }

    /**
     * A cutover of a runbook with its rollback plan, notifying through SLF4J.
     *
     * @param runbook the runbook to run; not null
     * @param rollback the plan that undoes the steps before the point of no return; not null
     * @return the cutover
     */
    public static Cutover of(Runbook runbook, RollbackPlan rollback) {
        return new Cutover(checkNotNull(runbook, "runbook"), Optional.of(checkNotNull(rollback, "rollback")),
                Notifier.slf4j());
    }

    /**
     * A cutover without a way back: every failure halts and escalates.
     *
     * @param runbook the runbook to run; not null
     * @return the cutover
     */
    public static Cutover withoutRollback(Runbook runbook) {
        return new Cutover(checkNotNull(runbook, "runbook"), Optional.empty(), Notifier.slf4j());
    }

    /**
     * This cutover notifying through another notifier (default: {@link Notifier#slf4j()}).
     *
     * @param value the notifier; not null
     * @return a copy of this cutover with that notifier
     */
    public Cutover notifier(Notifier value) {
        return new Cutover(runbook, rollback, checkNotNull(value, "notifier"));
    }

    /**
     * Runs the runbook against a non-production target, timing every step, then rehearses the rollback.
     *
     * @return the rehearsal's result, with every step's measured time and the rollback's
     */
    public CutoverResult rehearse() {
        return new CutoverRun(runbook, rollback, notifier, true).run();
    }

    /**
     * Runs the runbook for real.
     *
     * @return the cutover's result
     */
    public CutoverResult execute() {
        return new CutoverRun(runbook, rollback, notifier, false).run();
    }
}
