package dev.migrationstudio.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Binary values that differ past the first bytes are shown where they differ, not by their equal starts. */
class BinaryDifferenceTest {

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    private static void insert(TestDatabase db, byte[] data) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO blobs VALUES (1, ?)")) {
            insert.setBytes(1, data);
            insert.executeUpdate();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBinaryValueDifferingAtByte1000IsShownAtThatOffset(Engine engine) throws SQLException {
        try (TestDatabase source = engine.create("blob-source"); TestDatabase target = engine.create("blob-target")) {
            String type = switch (engine) {
                case H2 -> "VARBINARY(4000)";
                case POSTGRES -> "BYTEA";
                case MARIADB -> "BLOB";
            };
            for (TestDatabase db : new TestDatabase[] {source, target}) {
                db.execute("CREATE TABLE blobs (id INT PRIMARY KEY, data " + type + ")");
            }
            byte[] original = pattern(2000);
            byte[] changed = original.clone();
            changed[1000] = 0;
            insert(source, original);
            insert(target, changed);
            MappingSpec spec = MappingSpec.builder("blobs").table("blobs", t -> t.key("id").field("data")).build();

            VerificationReport report = Verifier.between(source.dataSource(), target.dataSource()).spec(spec).verify();

            // Byte i holds i % 251: 1000 % 251 = 247 (F7), and its neighbours 239..246 and 248..250, 0..4.
            assertThat(report.passed()).isFalse();
            assertThat(report.table("blobs").orElseThrow().discrepancies()).extracting(Discrepancy::describe)
                    .singleElement().asString().contains("data: expected 2000 bytes, found 2000 bytes, differing from "
                            + "offset 1000: ...EFF0F1F2F3F4F5F6[F7]F8F9FA0001020304... vs "
                            + "...EFF0F1F2F3F4F5F6[00]F8F9FA0001020304...");
        }
    }

    @Test
    void theEndOfTheShorterValueIsShownAsAnEmptyBracket() {
        assertThat(new ColumnDifference("data", new byte[] {1, 2, 3}, new byte[] {1, 2}).describe())
                .isEqualTo("data: expected 3 bytes, found 2 bytes, differing from offset 2: 0102[03] vs 0102[]");
        assertThat(new ColumnDifference("data", new byte[] {9}, null).describe())
                .isEqualTo("data: expected X'09', found NULL");
    }
}
