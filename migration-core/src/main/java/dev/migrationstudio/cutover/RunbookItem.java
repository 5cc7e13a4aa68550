package dev.migrationstudio.cutover;

/** An entry of a runbook: a step or a go/no-go gate. */
public sealed interface RunbookItem permits Step, Gate {

    /**
     * The name, unique in its runbook.
     *
     * @return the name
     */
    String name();
}
