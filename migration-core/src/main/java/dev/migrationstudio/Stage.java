package dev.migrationstudio;

/** The five stages of a migration, in the order they happen. */
public enum Stage {
    /** Catalog every artifact in scope and assess what can go wrong. */
    INVENTORY("Inventory and risks"),
    /** Map every source field to its target and review the mapping. */
    MAPPING("Mapping and review"),
    /** Move the data: idempotent, logged, resumable, dry-runnable. */
    MIGRATION("Migration"),
    /** Prove the target holds what the mapping says it should. */
    VERIFICATION("Verification"),
    /** Switch production over, with a rehearsed way back. */
    CUTOVER("Cutover and rollback");

    private final String title;

    Stage(String title) {
        this.title = title;
    }

    /**
     * A human-readable title, as used in rendered documents.
     *
     * @return the title, e.g. for section headings
     */
    public String title() {
        return title;
    }
}
