package dev.migrationstudio.examples.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.verify.junit.BothSides;
import dev.migrationstudio.verify.junit.DatabaseSide;
import dev.migrationstudio.verify.junit.SourceAndTarget;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The team's repository tests, run on legacy and on migrated v2: each must behave the same on both. */
// snippet:start both-sides
@SourceAndTarget(MigratedChinook.class)
class StoreRepositoryTest {

    private static StoreRepository repository(DataSource database, DatabaseSide side) {
        return side == DatabaseSide.SOURCE ? StoreRepository.legacy(database) : StoreRepository.v2(database);
    }

    @BothSides
    void anAlbumListsItsSongsInOrder(DataSource database, DatabaseSide side) throws SQLException {
        assertThat(repository(database, side).songsOfAlbum(1)).hasSize(10)
                .startsWith("For Those About To Rock (We Salute You)", "Put The Finger On You");
    }

    @BothSides
    void aCustomerHasSpentWhatTheInvoicesSay(DataSource database, DatabaseSide side) throws SQLException {
        assertThat(repository(database, side).totalSpentBy(5)).isEqualByComparingTo("40.62");
    }

    @BothSides
    void aCustomerIsReachedAtTheirEmail(DataSource database, DatabaseSide side) throws SQLException {
        assertThat(repository(database, side).emailOf(5)).isEqualTo("frantisekw@jetbrains.com");
    }
}
// snippet:end both-sides
