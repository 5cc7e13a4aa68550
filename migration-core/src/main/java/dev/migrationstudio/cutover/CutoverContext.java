package dev.migrationstudio.cutover;

import java.util.Optional;

/**
 * What a step's action or a gate's check sees while a cutover runs: whether this is a rehearsal,
 * a place to record evidence, and values shared between steps (a snapshot made by one step and
 * restored by a rollback step, for example).
 */
public interface CutoverContext {

    /**
     * Whether this is a rehearsal against a non-production target rather than the real cutover.
     *
     * @return {@code true} in a rehearsal
     */
    boolean isRehearsal();

    /**
     * The name of the step or gate running now.
     *
     * @return the step's or gate's name
     */
    String current();

    /**
     * Records a line of evidence for the current step or gate; it appears in the cutover result.
     *
     * @param evidence one line for people; not null
     */
    void note(String evidence);

    /**
     * Shares a value with later steps, gates and rollback steps.
     *
     * @param key the name later steps ask for, e.g. {@code "migration-result"}; a value put again replaces the
     *     earlier one
     * @param value the value
     */
    void put(String key, Object value);

    /**
     * A value shared by an earlier step, if present and of the given type.
     *
     * @param <T> the type asked for
     * @param key the name the value was put under
     * @param type the type asked for
     * @return the value, or empty when there is none under {@code key} or it is not a {@code type}
     */
    <T> Optional<T> get(String key, Class<T> type);
}
