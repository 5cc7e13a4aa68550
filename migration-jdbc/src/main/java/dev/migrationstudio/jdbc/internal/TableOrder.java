package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
}
