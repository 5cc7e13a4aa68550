package dev.migrationstudio.cdc;

/**
 * A logical replication slot as the source holds it.
 *
 * @param name the slot's name
 * @param plugin its output plugin, e.g. {@code pgoutput}
 * @param active whether a stream reads it now
 * @param confirmedPosition the position up to which changes were confirmed consumed, e.g. {@code 0/16B3F08}
 * @param retainedBytes the WAL the source keeps for it
 */
public record ReplicationSlot(String name, String plugin, boolean active, String confirmedPosition,
                              long retainedBytes) {

    /**
     * One line for people: {@code slot shop_v2 (pgoutput, idle) keeps 12.0 MB of WAL}.
     *
     * @return the name, plugin, state and retained WAL in megabytes, on one line
     */
    public String describe() {
        return String.format("slot %s (%s, %s) keeps %.1f MB of WAL", name, plugin, active ? "active" : "idle",
                retainedBytes / 1_048_576.0);
    }
}
