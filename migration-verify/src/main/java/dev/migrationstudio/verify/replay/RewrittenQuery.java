package dev.migrationstudio.verify.replay;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A captured query translated through the mapping, or the reason it cannot be replayed. Every
 * captured query gets one, so none is skipped silently.
 *
 * @param query the captured query
 * @param status whether it can be replayed, and if not, why
 * @param sourceSql the statement run on the source, as captured (placeholders as JDBC {@code ?}), when
 *     replayable
 * @param targetSql the statement run on the target, through the mapping, when replayable
 * @param parameters the values bound to the placeholders on both sides, in order of {@code sourceSql}
 * @param targetParameters the same values in order of {@code targetSql}
 * @param ordered whether the query orders its rows (results then compare in order)
 * @param reason why it is not replayable; empty when it is
 * @param notes what a reader should know about a replayable rewrite (rules that change values, filters)
 */
public record RewrittenQuery(CapturedQuery query, Status status, Optional<String> sourceSql,
                             Optional<String> targetSql, List<Object> parameters, List<Object> targetParameters,
                             boolean ordered, String reason, List<String> notes) {

    /** Whether a query can be replayed. */
    public enum Status {
        /** Translated; it runs on both sides. */
        REWRITTEN,
        /** It reads a column or table the mapping drops, derives from, or leaves behind. */
        NOT_REPLAYABLE,
        /** It writes or changes schema: replay only reads. */
        NOT_A_QUERY,
        /** The SQL parser could not read it. */
        UNPARSEABLE,
        /** It has placeholders and no values for them. */
        NEEDS_PARAMETERS
    }

    /**
     * Validates the parts.
     *
     * @param query the captured query
     * @param status whether it can be replayed, and if not, why
     * @param sourceSql the statement run on the source, as captured (placeholders as JDBC {@code ?}), when
     *     replayable
     * @param targetSql the statement run on the target, through the mapping, when replayable
     * @param parameters the values bound to the placeholders on both sides, in order of {@code sourceSql}
     * @param targetParameters the same values in order of {@code targetSql}
     * @param ordered whether the query orders its rows (results then compare in order)
     * @param reason why it is not replayable; empty when it is
     * @param notes what a reader should know about a replayable rewrite (rules that change values, filters)
     */
    public RewrittenQuery {
        checkNotNull(query, "query");
        checkNotNull(status, "status");
        checkNotNull(sourceSql, "source SQL");
        checkNotNull(targetSql, "target SQL");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        targetParameters = Collections.unmodifiableList(new ArrayList<>(targetParameters));
        checkNotNull(reason, "reason");
        notes = List.copyOf(notes);
        checkArgument((status == Status.REWRITTEN) == targetSql.isPresent(),
                "a rewritten query has target SQL, and only it");
    }

    /**
     * A query that cannot be replayed, for a reason.
     *
     * @param query the captured query
     * @param status why it is refused; not {@code REWRITTEN}
     * @param reason the reason, for people
     * @return the refusal
     */
    public static RewrittenQuery refused(CapturedQuery query, Status status, String reason) {
        checkArgument(status != Status.REWRITTEN, "a refusal needs a refusing status");
        return new RewrittenQuery(query, status, Optional.empty(), Optional.empty(), List.of(), List.of(), false,
                reason, List.of());
    }

    /**
     * Whether it runs on both sides.
     *
     * @return {@code true} when the status is {@code REWRITTEN}
     */
    public boolean replayable() {
        return status == Status.REWRITTEN;
    }
}
