package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.FindingSeverity;
import java.util.List;

/**
 * {@link FindingKind#NON_TRANSACTIONAL_TABLE}: a mapped table held by a storage engine without
 * transactions (MyISAM, Aria, MEMORY, ...). In the target it is a blocker: a chunk's rows and its
 * ledger entry cannot commit together, so a refused chunk leaves rows behind and a re-run repeats
 * them. In the source it is a warning: reads are no consistent snapshot while the application writes.
 */
final class NonTransactionalTables implements ReviewRule.PerTargetTable {

    @Override
    public void checkTable(ReviewContext context, ReviewContext.Site site, TableInfo target, List<Draft> drafts) {
        TableInfo source = site.source();
        if (!source.transactional()) {
            drafts.add(Draft.of(FindingKind.NON_TRANSACTIONAL_TABLE, FindingSeverity.WARNING, source.id().toString(),
                    "source table %s is %s, which keeps no transactions: a read is no consistent snapshot, so rows "
                            + "written during the copy may be seen in part", source.id(),
                    source.storageEngine().orElseThrow())
                    .fix("stop writes to %s while it is copied (a runbook step before the load), or convert it with "
                            + "ALTER TABLE ... ENGINE=InnoDB", source.id())
                    .rows(site.rowsReaching() < 0 ? java.util.OptionalLong.empty()
                            : java.util.OptionalLong.of(site.rowsReaching()))
                    .source(source).scope(List.of(site.mapping()), source.name()));
        }
        if (!target.transactional()) {
            drafts.add(Draft.of(FindingKind.NON_TRANSACTIONAL_TABLE, FindingSeverity.BLOCKER, target.id().toString(),
                    "target table %s is %s, which keeps no transactions: a chunk's rows and its ledger entry cannot "
                            + "commit together, so a refused chunk leaves rows behind and a resumed run repeats them",
                    target.id(), target.storageEngine().orElseThrow())
                    .fix("convert %s with ALTER TABLE ... ENGINE=InnoDB before the load", target.id())
                    .source(source).scope(List.of(site.mapping()), target.name()));
        }
    }
}
