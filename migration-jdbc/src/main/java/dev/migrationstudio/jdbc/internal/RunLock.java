package dev.migrationstudio.jdbc.internal;

/** Makes sure only one run of a migration works on a target at a time. */
interface RunLock extends AutoCloseable {

    /** How the lock works, for plans and messages. */
    String describe();

    /** Releases the lock. */
    @Override
    void close();
}
