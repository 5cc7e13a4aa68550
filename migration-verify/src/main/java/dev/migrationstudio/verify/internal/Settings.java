package dev.migrationstudio.verify.internal;

import dev.migrationstudio.jdbc.compare.CanonicalEncoder;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.verify.ParityCheck;
import dev.migrationstudio.verify.VerificationListener;
import dev.migrationstudio.verify.replay.Replay;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The sealed configuration of one verification run. */
public record Settings(DataSource source, DataSource target, MappingSpec spec, boolean rowCounts, boolean checksums,
                       boolean constraints, int sampleRows, List<ParityCheck> parity, Optional<Inventory> intendedTarget,
                       Set<String> tables, Optional<String> sourceSchema, Optional<String> targetSchema,
                       int parallelism, int chunkSize, int leafRows, int fetchSize, long seed, double floatTolerance,
                       int maxDiscrepancies, boolean pushdown, boolean pushdownOnH2, Optional<LedgerTables> ledger,
                       Optional<Replay> replay, VerificationListener listener) {

    /** Where the migration engine's ledger tables are in the target. */
    public record LedgerTables(String schema, String prefix) {
    }

    /** The significant digits floating-point values are hashed with, from the tolerance. */
    public int floatDigits() {
        if (floatTolerance == 0) {
            return 17;
        }
        int digits = (int) Math.floor(-Math.log10(floatTolerance));
        return Math.max(1, Math.min(17, digits));
    }

    /** A new encoder for one thread. */
    public CanonicalEncoder encoder() {
        return new CanonicalEncoder(floatDigits());
    }
}
