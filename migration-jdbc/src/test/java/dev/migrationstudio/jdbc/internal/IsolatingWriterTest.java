package dev.migrationstudio.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.RowLayout;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one write path: a stream, or committed pieces narrowed down to the rows the database refuses. */
class IsolatingWriterTest {
    private static final RowLayout LAYOUT = RowLayout.of(List.of("id", "label"));

    /** Batched INSERTs into {@code item (id, label)}, 100 rows a batch. */
    private static IsolatingWriter writer(Connection target) {
        TableShape item = TableShape.require(target, TableId.of("item"), "target");
        RowWriter inserts = new InsertWriter(item,
                List.of(item.requireColumn("id", "target"), item.requireColumn("label", "target")),
                Engines.dialectOf(target), 100);
        return new IsolatingWriter(inserts, "item");
    }

    private static List<Row> rows(int count, int... bad) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int id = i;
            boolean tooLong = IntStream.of(bad).anyMatch(b -> b == id);
            rows.add(LAYOUT.row(i, tooLong ? "a label far too long for the column" : "item " + i));
        }
        return rows;
    }

    private static TestDatabase target(Engine engine) {
        TestDatabase db = engine.create("isolating");
        db.execute("CREATE TABLE item (id INT PRIMARY KEY, label VARCHAR(12))");
        return db;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rowsTheDatabaseAcceptsGoAsOneStreamCommittedAsOnePiece(Engine engine) throws SQLException {
        try (TestDatabase db = target(engine); Connection target = db.dataSource().getConnection()) {
            target.setAutoCommit(false);
            List<IsolatingWriter.Piece> pieces = new ArrayList<>();

            writer(target).write(target, rows(2_500), IsolatingWriter.AS_GIVEN, piece -> {
                pieces.add(piece);
                target.commit();
            });

            assertThat(pieces).singleElement().satisfies(p -> {
                assertThat(p.loaded()).isEqualTo(2_500);
                assertThat(p.refused()).isEmpty();
            });
            assertThat(((Number) db.queryValue("SELECT COUNT(*) FROM item")).longValue()).isEqualTo(2_500);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRefusedStreamIsWrittenAgainInCommittedPiecesThatNameEachRefusedRow(Engine engine) throws SQLException {
        try (TestDatabase db = target(engine); Connection target = db.dataSource().getConnection()) {
            target.setAutoCommit(false);
            List<IsolatingWriter.Piece> pieces = new ArrayList<>();

            writer(target).write(target, rows(2_500, 7, 1_500, 2_499),
                    IsolatingWriter.AS_GIVEN, piece -> {
                        pieces.add(piece);
                        target.commit();
                    });

            assertThat(pieces).extracting(IsolatingWriter.Piece::from).containsExactly(0, 1_000, 2_000);
            assertThat(pieces).extracting(IsolatingWriter.Piece::to).containsExactly(1_000, 2_000, 2_500);
            assertThat(pieces.stream().flatMap(p -> p.refused().stream()).map(IsolatingWriter.Refusal::index))
                    .containsExactly(7, 1_500, 2_499);
            assertThat(pieces.stream().mapToLong(IsolatingWriter.Piece::loaded).sum()).isEqualTo(2_497);
            assertThat(pieces.get(0).written()).hasSize(999).doesNotContain(7);
            assertThat(((Number) db.queryValue("SELECT COUNT(*) FROM item")).longValue()).isEqualTo(2_497);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anOrderHoldsRowsBackWithoutTryingThem(Engine engine) throws SQLException {
        try (TestDatabase db = target(engine); Connection target = db.dataSource().getConnection()) {
            target.setAutoCommit(false);
            List<IsolatingWriter.Piece> pieces = new ArrayList<>();
            // Odd rows wait; the even ones go in reverse order.
            IsolatingWriter.Order evenBackwards = (connection, rows) -> new SelfReferences.Split(
                    IntStream.iterate(rows.size() - 1 - (rows.size() - 1) % 2, i -> i >= 0, i -> i - 2).boxed()
                            .toList(),
                    IntStream.range(0, rows.size()).filter(i -> i % 2 == 1).boxed().toList());

            writer(target).write(target, rows(10), evenBackwards, piece -> {
                pieces.add(piece);
                target.commit();
            });

            assertThat(pieces).singleElement().satisfies(p -> {
                assertThat(p.waiting()).containsExactly(1, 3, 5, 7, 9);
                assertThat(p.written()).containsExactly(0, 2, 4, 6, 8);
            });
            assertThat(db.query("SELECT id FROM item ORDER BY id")).extracting(r -> ((Number) r[0]).intValue())
                    .containsExactly(0, 2, 4, 6, 8);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void isolatingCommitsNothingAndKeepsTheGoodRowsOfTheTransaction(Engine engine) throws SQLException {
        try (TestDatabase db = target(engine); Connection target = db.dataSource().getConnection()) {
            target.setAutoCommit(false);

            List<IsolatingWriter.Refusal> refused = writer(target)
                    .isolate(target, rows(150, 0, 149));

            assertThat(refused).extracting(IsolatingWriter.Refusal::index).containsExactly(0, 149);
            assertThat(refused).allSatisfy(r -> assertThat(r.missingParent()).isFalse());
            assertThat(((Number) db.queryValue("SELECT COUNT(*) FROM item")).longValue()).as("nothing committed")
                    .isZero();
            target.commit();
            assertThat(((Number) db.queryValue("SELECT COUNT(*) FROM item")).longValue()).isEqualTo(148);
        }
    }
}
