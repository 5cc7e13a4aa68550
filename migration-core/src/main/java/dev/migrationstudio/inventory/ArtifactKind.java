package dev.migrationstudio.inventory;

/** Kinds of non-database artifacts that a migration must account for. */
public enum ArtifactKind {
    /** A running service that reads or writes the data (an API, a web application). */
    SERVICE,
    /** A scheduled or batch job. */
    JOB,
    /** A feed or connection to another system (ETL, CDC, file exchange, message queue). */
    INTEGRATION,
    /** Configuration that points at the data (connection strings, feature flags, DNS). */
    CONFIGURATION,
    /**
     * A logical replication slot on a source database, found by the inventory: the database keeps its
     * write-ahead log for the slot until the slot is dropped, in use or not.
     */
    REPLICATION_SLOT
}
