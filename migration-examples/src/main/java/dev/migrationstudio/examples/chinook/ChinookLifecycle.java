package dev.migrationstudio.examples.chinook;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.cutover.Cutover;
import dev.migrationstudio.cutover.CutoverResult;
import dev.migrationstudio.cutover.RollbackPlan;
import dev.migrationstudio.cutover.Runbook;
import dev.migrationstudio.cdc.PostgresChangeCapture;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.jdbc.BadRows;
import dev.migrationstudio.jdbc.CatchUpResult;
import dev.migrationstudio.jdbc.DataProfiler;
import dev.migrationstudio.jdbc.DowntimeEstimator;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.jdbc.JdbcMigrator;
import dev.migrationstudio.jdbc.MigrationResult;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.report.Document;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.report.SignOff;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.MappingReviewer;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.RiskRules;
import dev.migrationstudio.verify.VerificationReport;
import dev.migrationstudio.verify.Verifier;
import dev.migrationstudio.verify.replay.Replay;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Every stage of the Chinook migration, on two empty databases: load legacy Chinook, inventory and
 * assess it, map it to v2, review the mapping on the real data, dry-run, migrate, verify, rehearse
 * the cutover and its rollback, and write the evidence pack.
 */
public final class ChinookLifecycle {

    /**
     * What each stage produced.
     *
     * @param plan the plan: inventory, risks, mapping, runbook, rollback
     * @param review the mapping review
     * @param dryRun the dry run's plan
     * @param migration the migration's result
     * @param changesDuringLoad with a change capture, the store's writes during the load, applied from the slot
     * @param verification the verification report
     * @param rehearsal the cutover rehearsal
     * @param evidencePack the index of the written evidence pack
     */
    public record Outcome(MigrationPlan plan, MappingReview review, MigrationResult dryRun, MigrationResult migration,
                          Optional<CatchUpResult> changesDuringLoad, VerificationReport verification, CutoverResult rehearsal, Path evidencePack) {

        /** Whether the verification passed and the rehearsal supports going live. */
        public boolean succeeded() {
            return verification.passed() && rehearsal.goNoGo().go();
        }

        /** A few lines, stage by stage, for the console. */
        public String summary() {
            Inventory inventory = plan.inventory();
            RiskRegister risks = plan.risks();
            return String.join("\n",
                    String.format("1. Inventory: %d tables, %,d rows, %d services and jobs; %d risks, highest score %d",
                            inventory.tables().size(), inventory.totalRows(), inventory.artifacts().size(),
                            risks.risks().size(), risks.sortedByScore().get(0).score()),
                    String.format("2. Mapping: %d table mappings, fingerprint %s; review: %s",
                            plan.mapping().tables().size(), plan.mapping().fingerprint().substring(0, 12),
                            review.summary().lines().findFirst().orElse("")),
                    "3. Migration: " + migration.summary() + changesDuringLoad.map(c -> String.format(
                            "%n   Changes made during the load, applied from the replication slot: %s",
                            c.total().describe())).orElse(""),
                    "4. " + verification.summary().lines().findFirst().orElse(""),
                    "5. " + rehearsal.summary(),
                    "Evidence pack: " + evidencePack.toAbsolutePath());
        }
    }

    private ChinookLifecycle() {
    }

    /**
     * Runs every stage from legacy Chinook as the PostgreSQL script creates it; {@code legacy} and
     * {@code v2} must be empty databases.
     */
    public static Outcome run(DataSource legacy, DataSource v2, Path evidenceDirectory) {
        return run(legacy, v2, evidenceDirectory, LegacyNames.SNAKE_CASE);
    }

    /**
     * Runs every stage; {@code legacy} and {@code v2} must be empty databases. Legacy is loaded from the
     * PostgreSQL script ({@link LegacyNames#SNAKE_CASE}) or from the MySQL script
     * ({@link LegacyNames#PASCAL_CASE}, for MariaDB or MySQL).
     */
    public static Outcome run(DataSource legacy, DataSource v2, Path evidenceDirectory, LegacyNames names) {
        return run(legacy, v2, evidenceDirectory, names, null);
    }

    /**
     * Runs every stage from a PostgreSQL legacy with change data capture: the load reads the snapshot
     * of the capture's new replication slot while the store keeps selling, the slot's changes are
     * applied before the verification, and the cutover's final delta comes from the slot too.
     */
    public static Outcome run(DataSource legacy, DataSource v2, Path evidenceDirectory, PostgresChangeCapture capture) {
        return run(legacy, v2, evidenceDirectory, LegacyNames.SNAKE_CASE, capture);
    }

    private static Outcome run(DataSource legacy, DataSource v2, Path evidenceDirectory, LegacyNames names,
                               PostgresChangeCapture capture) {
        if (names == LegacyNames.PASCAL_CASE) {
            ChinookDataset.loadMySql(legacy);
        } else {
            ChinookDataset.load(legacy);
        }
        execute(legacy, ChinookCutover.settingsTable(), ChinookCutover.initialSettings());
        execute(v2, ChinookV2.schema(v2).toArray(String[]::new));

        // 1. Inventory and risks. The settings table is the application's, not migrated.
        Inventory inventory = ChinookV2.withArtifacts(JdbcInventory.configure().exclude("app_settings").scan(legacy),
                names);
        Inventory target = JdbcInventory.scan(v2);
        MappingSpec spec = ChinookV2.mapping(inventory, names);

        // 2. Mapping, reviewed on the real data.
        MappingReview review = MappingReviewer.review(spec, inventory, target, DataProfiler.of(legacy));
        RiskRegister risks = DowntimeEstimator.of(legacy).estimate(ChinookV2.declaredRisks(
                RiskRules.standard().largeTableThreshold(5_000).assess(inventory), names).toBuilder()
                .risks(review.risks()).build(), inventory);

        // 3. Migrate: a dry run first, then the real thing.
        MigrationResult dryRun = migrator(legacy, v2, spec).dryRun(true).load().migrate();
        JdbcMigrator migrator = migrator(legacy, v2, spec).load();
        MigrationResult migration;
        Optional<CatchUpResult> changesDuringLoad = Optional.empty();
        if (capture == null) {
            migration = migrator.migrate();
        } else {
            // The store keeps selling while v2 loads (its writes land after the slot's snapshot, so
            // the load does not see them); the slot streams them, applied before the verification.
            AtomicBoolean selling = new AtomicBoolean();
            migration = capture.load(migrator(legacy, v2, spec).progress(progress -> {
                if (selling.compareAndSet(false, true)) {
                    execute(legacy, storeSellsDuringTheLoad(names).toArray(String[]::new));
                }
            }).load());
            changesDuringLoad = Optional.of(migrator.applyChanges(capture));
        }

        // 4. Verify.
        Verifier verifier = verifier(legacy, v2, spec, target, names);
        VerificationReport verification = verifier.verify();

        // The store kept selling while v2 was loaded and verified: the cutover's final delta brings it in.
        execute(legacy, storeKeepsSelling(names).toArray(String[]::new));

        // 5. Rehearse the cutover, then the rollback (which leaves legacy's settings as they were and v2 empty).
        Runbook runbook = capture == null
                ? ChinookCutover.runbook(legacy, v2, migrator, verifier(legacy, v2, spec, target, names))
                : ChinookCutover.runbook(legacy, v2, migrator, capture, verifier(legacy, v2, spec, target, names));
        RollbackPlan rollback = ChinookCutover.rollback(legacy, migrator);
        CutoverResult rehearsal = Cutover.of(runbook, rollback).rehearse();

        MigrationPlan plan = MigrationPlan.builder("chinook v2").inventory(inventory).risks(risks).mapping(spec)
                .runbook(runbook).rollback(rollback).build();
        // Every document in Markdown, HTML and JSON; the index asks for the sign-off, with the spec's
        // fingerprint and the verification's verdict filled in, and blank lines for the approvers.
        EvidencePack pack = plan.evidencePack().with(review).with(verification.evidence())
                .signOff(SignOff.blank().environment("rehearsal: legacy on " + product(legacy) + ", v2 on "
                        + product(v2)));
        pack = with(pack, dryRun.documents());
        pack = with(pack, migration.documents());
        pack = with(pack, rehearsal.documents());
        Path index = pack.writeTo(evidenceDirectory);
        return new Outcome(plan, review, dryRun, migration, changesDuringLoad, verification, rehearsal, index);
    }

    private static JdbcMigrator.Configuration migrator(DataSource legacy, DataSource v2, MappingSpec spec) {
        return JdbcMigrator.configure().source(legacy).target(v2).spec(spec)
                .onBadRow(BadRows.quarantine().upTo(0)).logProgress(false);
    }

    private static Verifier verifier(DataSource legacy, DataSource v2, MappingSpec spec, Inventory target,
                                     LegacyNames names) {
        Verifier verifier = Verifier.between(legacy, v2).spec(spec)
                .rowCounts().checksums().sample(500).constraints().intendedTarget(target)
                .replay(Replay.of(ChinookV2.applicationQueries(names)));
        for (String[] query : ChinookV2.parityQueries(names)) {
            verifier.parity(query[0], query[1], query[2]);
        }
        return verifier;
    }

    private static EvidencePack with(EvidencePack pack, List<Document> documents) {
        EvidencePack result = pack;
        for (Document document : documents) {
            result = result.with(document);
        }
        return result;
    }

    /**
     * What the store writes to legacy while v2 is loaded: a sale, a renamed artist, and a track taken
     * off a playlist.
     */
    static List<String> storeSellsDuringTheLoad(LegacyNames n) {
        List<String> writes = new ArrayList<>(sale(n, "414, 2, '2026-11-29 00:00:00', 'Germany', 0.99",
                "2242, 414, 2, 0.99, 1"));
        writes.add("UPDATE " + n.of("artist") + " SET " + n.of("name") + " = 'AC/DC (remastered)' WHERE "
                + n.of("artist_id") + " = 1");
        writes.add("DELETE FROM " + n.of("playlist_track") + " WHERE " + n.of("playlist_id") + " = 1 AND "
                + n.of("track_id") + " = 3402");
        return writes;
    }

    /**
     * What the store writes to legacy after the load: a new sale (an invoice and its line), a customer
     * who moved, and an invoice line taken back. A catch-up must bring all three into v2.
     */
    static List<String> storeKeepsSelling(LegacyNames n) {
        List<String> writes = new ArrayList<>(sale(n, "413, 1, '2026-11-30 00:00:00', 'Brazil', 1.98",
                "2241, 413, 1, 0.99, 2"));
        writes.add("UPDATE " + n.of("customer") + " SET " + n.of("city") + " = 'Campinas' WHERE "
                + n.of("customer_id") + " = 1");
        writes.add("DELETE FROM " + n.of("invoice_line") + " WHERE " + n.of("invoice_line_id") + " = 2240");
        return writes;
    }

    /**
     * A sale: an invoice (id, customer, date, country, total) and its line (id, invoice, track, unit
     * price, quantity), as literal values.
     */
    private static List<String> sale(LegacyNames n, String invoice, String line) {
        return List.of(
                "INSERT INTO " + n.of("invoice") + " (" + n.of("invoice_id") + ", " + n.of("customer_id") + ", "
                        + n.of("invoice_date") + ", " + n.of("billing_country") + ", " + n.of("total")
                        + ") VALUES (" + invoice + ")",
                "INSERT INTO " + n.of("invoice_line") + " (" + n.of("invoice_line_id") + ", " + n.of("invoice_id") + ", "
                        + n.of("track_id") + ", " + n.of("unit_price") + ", " + n.of("quantity")
                        + ") VALUES (" + line + ")");
    }

    private static String product(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion().replaceAll("[ -].*", "");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database product: " + e.getMessage(), e);
        }
    }

    private static void execute(DataSource dataSource, String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setting up the example failed: " + e.getMessage(), e);
        }
    }
}
