package dev.migrationstudio.cutover;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people what is happening during a cutover: started, gate decided, point of no return
 * crossed, step overran, finished, rolled back. Implement it to post to chat, page the on-call
 * person, update a status page. Each event fires once, in order; a notifier that throws does not
 * stop the cutover (the failure is logged).
 */
@FunctionalInterface
public interface Notifier {

    /**
     * Delivers an event and the runbook's messages for it.
     *
     * @param event the event, with the messages the runbook announces for it
     */
    void notify(CutoverEvent event);

    /**
     * Logs every event through SLF4J (logger {@code dev.migrationstudio.cutover}); the default.
     *
     * @return the logging notifier
     */
    static Notifier slf4j() {
        Logger log = LoggerFactory.getLogger("dev.migrationstudio.cutover");
        return event -> {
            String prefix = event.rehearsal() ? "[rehearsal] " : "";
            if (event.kind() == CommunicationEvent.STEP_FAILED || event.kind() == CommunicationEvent.ROLLED_BACK) {
                log.warn("{}{} {}: {}", prefix, event.kind(), event.subject(), event.detail());
            } else {
                log.info("{}{} {}: {}", prefix, event.kind(), event.subject(), event.detail());
            }
            for (CommunicationTrigger message : event.messages()) {
                log.info("{}tell {}: {}", prefix, message.audience(), message.message());
            }
        };
    }
}
