package dev.migrationstudio.examples;

import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.MappingSpec;
import javax.sql.DataSource;

/** A spec edited or renamed after it loaded a target: the run keeps the rows loaded. */
public final class EditedSpecExample {

    private EditedSpecExample() {
    }

    /** Re-applies an edited spec to what its earlier version loaded, then goes on loading. */
    public static MigrationResult edited(DataSource legacy, DataSource v2, MappingSpec editedSpec) {
        // snippet:start edited-spec
        MigrationResult result = JdbcMigrator.configure()
            .source(legacy).target(v2).spec(editedSpec)
            .reapplyChangedSpec(true)              // rewrites only the loaded rows the edit changes
            .load().migrate();                     // then the load goes on with the edited spec
        // snippet:end edited-spec
        return result;
    }

    /** Takes over the ledger the spec kept under its former name, "shop-to-v2". */
    public static MigrationResult renamed(DataSource legacy, DataSource v2, MappingSpec renamedSpec) {
        // snippet:start renamed-spec
        MigrationResult result = JdbcMigrator.configure()
            .source(legacy).target(v2).spec(renamedSpec)
            .renamedFrom("shop-to-v2")             // moves that name's ledger to the spec's new name first
            .reapplyChangedSpec(true)              // needed only if the spec was edited too
            .load().migrate();                     // resumes: nothing loaded is copied again
        // snippet:end renamed-spec
        return result;
    }
}
