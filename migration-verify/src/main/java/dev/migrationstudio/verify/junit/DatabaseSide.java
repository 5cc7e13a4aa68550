package dev.migrationstudio.verify.junit;

/** Which database a {@link BothSides} test runs against in this invocation. */
public enum DatabaseSide {
    /** The source the application uses today. */
    SOURCE,
    /** The migrated target. */
    TARGET
}
