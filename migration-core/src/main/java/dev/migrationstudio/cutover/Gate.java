package dev.migrationstudio.cutover;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;

/**
 * A go/no-go checkpoint between steps. A NO_GO stops the cutover.
 *
 * @param name unique in its runbook
 * @param check the decision
 * @param description what the gate checks, for the printed runbook
 */
public record Gate(String name, GateCheck check, String description) implements RunbookItem {

    /**
     * Validates the parts.
     *
     * @param name unique in its runbook
     * @param check the decision
     * @param description what the gate checks, for the printed runbook
     */
    public Gate {
        Names.requireName(name, "gate name");
        checkNotNull(check, "check of gate %s", name);
        checkNotNull(description, "description of gate %s", name);
    }
}
