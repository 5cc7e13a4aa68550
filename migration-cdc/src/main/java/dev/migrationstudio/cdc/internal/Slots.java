package dev.migrationstudio.cdc.internal;

import dev.migrationstudio.MigrationException;
import dev.migrationstudio.cdc.ReplicationSlot;
import dev.migrationstudio.inventory.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The source's replication slots and publications, read and written through jOOQ (names quoted, values bound). */
public final class Slots {
    private Slots() {
    }

    private static DSLContext sql(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    /** Every logical slot of the connection's database. */
    public static List<ReplicationSlot> all(Connection connection) {
        return slots(connection, DSL.noCondition());
    }

    /** The slot of this name, if it exists. */
    public static Optional<ReplicationSlot> find(Connection connection, String slot) {
        return slots(connection, DSL.field(DSL.name("slot_name")).eq(DSL.val(slot))).stream().findFirst();
    }

    private static List<ReplicationSlot> slots(Connection connection, org.jooq.Condition condition) {
        List<ReplicationSlot> slots = new ArrayList<>();
        for (Record r : sql(connection).resultQuery("select slot_name::text, plugin::text, active, "
                        + "coalesce(confirmed_flush_lsn::text, ''), "
                        + "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint "
                        + "from pg_replication_slots where slot_type = 'logical' and database = current_database() "
                        + "and {0} order by slot_name", condition).fetch()) {
            slots.add(new ReplicationSlot(r.get(0, String.class), r.get(1, String.class), r.get(2, Boolean.class),
                    r.get(3, String.class), r.get(4, Long.class)));
        }
        return slots;
    }

    /**
     * The source tables as the database names them, found as PostgreSQL finds an unquoted name
     * (case aside), so that a spec that says {@code customer} captures {@code "Customer"}.
     *
     * @throws MigrationException naming a table that does not exist
     */
    public static List<TableId> resolveTables(Connection connection, List<TableId> tables) {
        List<TableId> resolved = new ArrayList<>();
        for (TableId table : tables) {
            var schema = DSL.field(DSL.name("table_schema"), String.class);
            var name = DSL.field(DSL.name("table_name"), String.class);
            var where = DSL.lower(name).eq(DSL.lower(DSL.val(table.name())))
                    .and(table.schema().isEmpty() ? schema.eq(DSL.field("current_schema()", String.class))
                            : DSL.lower(schema).eq(DSL.lower(DSL.val(table.schema()))));
            List<TableId> found = sql(connection).select(schema, name)
                    .from(DSL.table(DSL.name("information_schema", "tables"))).where(where).orderBy(schema, name)
                    .fetch(r -> TableId.of(r.value1(), r.value2()));
            if (found.isEmpty()) {
                throw new MigrationException("source table " + table + " does not exist, so its changes cannot be "
                        + "captured");
            }
            resolved.add(found.stream().filter(f -> f.name().equals(table.name())).findFirst().orElse(found.get(0)));
        }
        return resolved;
    }

    /** Creates the publication of these tables, or adds the tables it lacks to an existing one. */
    public static void ensurePublication(Connection connection, String publication, List<TableId> tables)
            throws SQLException {
        DSLContext sql = sql(connection);
        boolean exists = sql.fetchExists(DSL.table(DSL.name("pg_publication")),
                DSL.field(DSL.name("pubname")).eq(DSL.val(publication)));
        List<TableId> missing = tables;
        if (exists) {
            List<TableId> published = sql.select(DSL.field(DSL.name("schemaname"), String.class),
                            DSL.field(DSL.name("tablename"), String.class))
                    .from(DSL.table(DSL.name("pg_publication_tables")))
                    .where(DSL.field(DSL.name("pubname")).eq(DSL.val(publication)))
                    .fetch(r -> TableId.of(r.value1(), r.value2()));
            missing = tables.stream().filter(t -> !published.contains(t)).toList();
        }
        if (missing.isEmpty()) {
            return;
        }
        List<Name> names = missing.stream().map(t -> DSL.name(t.schema(), t.name())).toList();
        String statement = exists ? "alter publication {0} add table {1}" : "create publication {0} for table {1}";
        sql.query(statement, DSL.name(publication), DSL.list(names.stream().map(DSL::table).toList())).execute();
    }

    /** Drops the slot and the publication of this name, those that exist. */
    public static void drop(Connection connection, String slot) {
        DSLContext sql = sql(connection);
        if (find(connection, slot).isPresent()) {
            sql.resultQuery("select pg_drop_replication_slot({0})", DSL.val(slot)).fetch();
        }
        sql.query("drop publication if exists {0}", DSL.name(slot)).execute();
    }
}
