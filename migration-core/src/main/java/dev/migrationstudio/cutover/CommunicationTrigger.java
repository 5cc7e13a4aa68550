package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;

/**
 * Who is told what, and when.
 *
 * @param when the moment that triggers the message
 * @param audience who is told, e.g. {@code "#payments-oncall"} or {@code "customers"}
 * @param message what they are told
 */
public record CommunicationTrigger(CommunicationEvent when, String audience, String message) {

    /**
     * Validates the parts.
     *
     * @param when the moment that triggers the message
     * @param audience who is told, e.g. {@code "#payments-oncall"} or {@code "customers"}
     * @param message what they are told
     */
    public CommunicationTrigger {
        checkNotNull(when, "when");
        Names.requireName(audience, "audience");
        Names.requireName(message, "message");
    }
}
