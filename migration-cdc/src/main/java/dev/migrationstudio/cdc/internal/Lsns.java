package dev.migrationstudio.cdc.internal;

/** PostgreSQL's WAL positions (LSNs) as text. */
final class Lsns {
    private Lsns() {
    }

    /** An LSN as PostgreSQL writes it, e.g. {@code 0/16B3F08}. */
    static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }
}
