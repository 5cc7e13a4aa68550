package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.jdbc.source.SourceCursor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * A source table's change column, as a catch-up by watermark reads it: its highest value now, the
 * value to read above (the last mark minus the safety lag), and whether it can be relied on.
 */
final class WatermarkColumn {
    private final TableShape table;
    private final MigrationSettings.Watermark watermark;

    WatermarkColumn(TableShape table, MigrationSettings.Watermark watermark) {
        this.table = table;
        this.watermark = watermark;
    }

    /** A mark minus the safety lag: times go back by it, versions and other values stay. */
    Object below(Object mark) {
        Duration lag = watermark.lag();
        if (mark instanceof LocalDateTime) {
            return ((LocalDateTime) mark).minus(lag);
        }
        if (mark instanceof OffsetDateTime) {
            return ((OffsetDateTime) mark).minus(lag);
        }
        return mark;
    }

    /** The change column's highest value now: the next catch-up reads above it. */
    Object highWaterMark(Connection source) throws SQLException {
        String sql = Engines.dsl(source).render(DSL.select(DSL.max(DSL.field(DSL.name(watermark.column()))))
                .from(DSL.table(table.qualifiedName())));
        try (SourceCursor rows = SourceCursor.open(source, sql, List.of(), 1, 0)) {
            Object[] row = rows.next();
            return row == null ? null : row[0];
        }
    }

    /** Why the column cannot be relied on: NULLs a catch-up never reads, no index to read it by. */
    List<String> warnings(Connection source) throws SQLException {
        List<String> warnings = new ArrayList<>();
        var column = DSL.field(DSL.name(watermark.column()));
        long nulls = Engines.dsl(source).fetchCount(DSL.table(table.qualifiedName()), column.isNull());
        if (nulls > 0) {
            warnings.add(String.format("the watermark column %s is NULL in %,d rows of %s: a catch-up by watermark "
                    + "never reads them; fill it, or catch up by comparison", watermark.column(), nulls,
                    table.qualifiedName()));
        }
        boolean indexed = false;
        try (ResultSet indexes = source.getMetaData().getIndexInfo(null, table.schema(), table.name(), false, true)) {
            while (indexes.next()) {
                indexed |= indexes.getShort("ORDINAL_POSITION") == 1
                        && watermark.column().equalsIgnoreCase(indexes.getString("COLUMN_NAME"));
            }
        }
        if (!indexed) {
            warnings.add("the watermark column " + watermark.column() + " of " + table.qualifiedName()
                    + " has no index that starts with it: each catch-up by watermark reads the whole table");
        }
        return warnings;
    }
}
