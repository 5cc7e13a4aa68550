package dev.migrationstudio.cutover;

import java.util.Optional;

/**
 * What a step's action or a gate's check sees while a cutover runs: whether this is a rehearsal,
 * a place to record evidence, and values shared between steps (a snapshot made by one step and
 * restored by a rollback step, for example).
 */
public interface CutoverContext {

    /** Whether this is a rehearsal against a non-production target rather than the real cutover. */
    boolean isRehearsal();

    /** The name of the step or gate running now. */
    String current();

    /** Records a line of evidence for the current step or gate; it appears in the cutover result. */
    void note(String evidence);

    /** Shares a value with later steps, gates and rollback steps. */
    void put(String key, Object value);

    /** A value shared by an earlier step, if present and of the given type. */
    <T> Optional<T> get(String key, Class<T> type);
}
