package dev.migrationstudio.jdbc.internal;

import dev.migrationstudio.MigrationException;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import org.jooq.impl.DSL;

/**
 * Refuses a MariaDB (or MySQL) target table whose storage engine has no transactions (MyISAM, Aria,
 * MEMORY, ...): there a chunk's rows and its ledger entry cannot commit together, and a chunk refused
 * half-way or interrupted leaves the rows written so far behind, so that a resumed run writes them
 * twice or the counts no longer add up. The engine promises atomic chunks; on such a table it cannot.
 */
final class TransactionalTargets {
    private TransactionalTargets() {
    }

    /** Fails naming the first target table not stored by InnoDB (or another transactional engine). */
    static void require(Connection target, List<TableJob> jobs) {
        var sql = Engines.dsl(target);
        for (TableJob job : jobs) {
            TableShape table = job.target();
            String engine = sql.resultQuery("SELECT engine FROM information_schema.tables WHERE table_schema = {0} "
                    + "AND table_name = {1}", DSL.val(table.schema()), DSL.val(table.name())).fetchOne(0, String.class);
            if (engine != null && !transactional(engine)) {
                throw new MigrationException("target table " + table.id() + " is stored by " + engine + ", which has no "
                        + "transactions: a chunk's rows could not commit or roll back with its ledger entry, so a failed "
                        + "or resumed chunk would leave rows behind or write them twice. Convert it before migrating "
                        + "(ALTER TABLE " + Engines.renderer(org.jooq.SQLDialect.MARIADB)
                        .render(DSL.table(table.qualifiedName())) + " ENGINE = InnoDB)");
            }
        }
    }

    private static boolean transactional(String engine) {
        String name = engine.toUpperCase(Locale.ROOT);
        return name.equals("INNODB") || name.equals("XTRADB") || name.equals("ROCKSDB") || name.equals("TOKUDB")
                || name.equals("NDBCLUSTER");
    }
}
