package dev.migrationstudio.testing;

/**
 * The database engines every database test runs on. Use with
 * {@code @ParameterizedTest @EnumSource(Engine.class)}; {@link #create(String)} gives each test a
 * fresh, empty database.
 */
public enum Engine {
    /** Embedded H2, in memory, with unquoted names folded to lower case (as PostgreSQL does). */
    H2,
    /** The throwaway PostgreSQL server started by {@code scripts/test}. */
    POSTGRES,
    /** The throwaway MariaDB server started by {@code scripts/test}. */
    MARIADB;

    /**
     * A new empty database; close it to drop it.
     *
     * @param purpose a short label that appears in the database name, for debugging
     * @throws IllegalStateException for a server engine when no server is configured: the test fails
     *     rather than skips, so a missing server cannot go unnoticed
     */
    public TestDatabase create(String purpose) {
        return switch (this) {
            case H2 -> TestDatabase.h2(purpose);
            case POSTGRES -> TestDatabase.postgres(purpose);
            case MARIADB -> TestDatabase.mariadb(purpose);
        };
    }
}
