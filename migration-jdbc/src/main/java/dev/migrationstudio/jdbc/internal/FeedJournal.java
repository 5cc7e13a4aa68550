package dev.migrationstudio.jdbc.internal;

import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The change feeds a migration applied, in the ledger: per feed, where its last applied batch ends
 * and how many changes its batches held, written in the transaction of the batch's changes.
 */
final class FeedJournal {
    private final LedgerSchema schema;

    FeedJournal(LedgerSchema schema) {
        this.schema = schema;
    }

    /** Where the last applied batch of a feed ends, if one was applied. */
    Optional<String> position(Connection connection, String name, String feedName) {
        LedgerSchema s = schema;
        return s.dsl(connection).select(s.position).from(s.changeFeeds())
                .where(s.migration.eq(name)).and(s.feed.eq(feedName)).fetchOptional(s.position);
    }

    /** Records an applied batch: its end and its changes; the caller commits with the batch. */
    void record(Connection connection, String name, String feedName, String position, long changes, String run) {
        LedgerSchema s = schema;
        var sql = s.dsl(connection);
        Long before = sql.select(s.changesApplied).from(s.changeFeeds())
                .where(s.migration.eq(name)).and(s.feed.eq(feedName)).fetchOptional(s.changesApplied).orElse(null);
        if (before == null) {
            sql.insertInto(s.changeFeeds(), s.migration, s.feed, s.position, s.changesApplied, s.runId, s.recordedAt)
                    .values(name, feedName, position, changes, run, LocalDateTime.now()).execute();
            return;
        }
        sql.update(s.changeFeeds()).set(s.position, position).set(s.changesApplied, before + changes)
                .set(s.runId, run).set(s.recordedAt, LocalDateTime.now())
                .where(s.migration.eq(name)).and(s.feed.eq(feedName)).execute();
    }

    /** Forgets the feeds of a migration; the caller commits. */
    void forget(Connection connection, String name) {
        schema.dsl(connection).deleteFrom(schema.changeFeeds()).where(schema.migration.eq(name)).execute();
    }
}
