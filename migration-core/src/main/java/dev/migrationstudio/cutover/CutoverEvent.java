package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened during a cutover, handed to the {@link Notifier}.
 *
 * @param kind what happened
 * @param subject the step or gate concerned, or the runbook's name for run-wide events
 * @param detail one line saying what happened, e.g. "NO_GO: 3 tables differ"
 * @param at when it happened
 * @param rehearsal whether it happened in a rehearsal
 * @param messages the runbook's communication for this moment: who is to be told what
 */
public record CutoverEvent(CommunicationEvent kind, String subject, String detail, Instant at, boolean rehearsal,
                           List<CommunicationTrigger> messages) {

    /**
     * Validates the parts.
     *
     * @param kind what happened
     * @param subject the step or gate concerned, or the runbook's name for run-wide events
     * @param detail one line saying what happened, e.g. "NO_GO: 3 tables differ"
     * @param at when it happened
     * @param rehearsal whether it happened in a rehearsal
     * @param messages the runbook's communication for this moment: who is to be told what
     */
    public CutoverEvent {
        checkNotNull(kind, "kind");
        checkNotNull(subject, "subject");
        checkNotNull(detail, "detail");
        checkNotNull(at, "at");
        messages = List.copyOf(messages);
    }
}
