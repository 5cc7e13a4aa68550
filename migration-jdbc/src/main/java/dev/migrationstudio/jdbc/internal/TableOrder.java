package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.ForeignKeyInfo;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Orders stored tables by their foreign keys, through the core dependency graph. */
public final class TableOrder {
    private TableOrder() {
    }

    /** Parents before children; tables in a cycle together. Each table once. */
    public static List<TableShape> parentsFirst(List<TableShape> tables) {
        Map<TableId, TableShape> byId = new LinkedHashMap<>();
        tables.forEach(t -> byId.putIfAbsent(t.id(), t));
        Inventory.Builder inventory = Inventory.builder();
        for (TableShape shape : byId.values()) {
            TableInfo.Builder table = TableInfo.builder(shape.id());
            shape.columns().keySet().forEach(name -> table.column(name, SqlType.of(SqlType.Kind.OTHER)));
            shape.foreignKeys().forEach(table::foreignKey);
            inventory.table(table.build());
        }
        List<TableShape> ordered = new ArrayList<>();
        for (TableId id : inventory.build().loadOrder()) {
            ordered.add(byId.get(id));
        }
        return ordered;
    }

    /** Children before parents: the order deletes need. */
    public static List<TableShape> childrenFirst(List<TableShape> tables) {
        List<TableShape> ordered = new ArrayList<>(parentsFirst(tables));
        Collections.reverse(ordered);
        return ordered;
    }

    /**
     * Deletes every row of the tables, children first. On MariaDB and MySQL a table that references
     * itself has those references set to NULL first: InnoDB checks a foreign key row by row during a
     * DELETE, so deleting a manager before the staff that reports to them fails there even when the
     * same statement deletes both (PostgreSQL and H2 check at the end of the statement).
     */
    public static void deleteAllRows(DSLContext sql, List<TableShape> tables) {
        boolean rowByRowChecks = sql.dialect().family() == SQLDialect.MARIADB
                || sql.dialect().family() == SQLDialect.MYSQL;
        for (TableShape table : childrenFirst(tables)) {
            Table<?> target = DSL.table(table.qualifiedName());
            for (ForeignKeyInfo key : table.foreignKeys()) {
                if (rowByRowChecks && key.referencedTable().name().equals(table.name())) {
                    var update = sql.update(target).set(DSL.field(DSL.name(key.columns().get(0))), (Object) null);
                    for (String column : key.columns().subList(1, key.columns().size())) {
                        update = update.set(DSL.field(DSL.name(column)), (Object) null);
                    }
                    update.where(DSL.field(DSL.name(key.columns().get(0))).isNotNull()).execute();
                }
            }
            sql.deleteFrom(target).execute();
        }
    }
}
