package dev.migrationstudio.examples.repositories;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The storefront's and billing's data access, as a team writes it: one implementation for the legacy
 * schema and one for v2, which reads the renamed tables and columns.
 */
interface StoreRepository {

    /** The titles of an album's songs, in track order. */
    List<String> songsOfAlbum(int albumId) throws SQLException;

    /** The sum of a customer's invoices. */
    BigDecimal totalSpentBy(int customerId) throws SQLException;

    /** The e-mail of a customer. */
    String emailOf(int customerId) throws SQLException;

    /** The repository for a side. */
    static StoreRepository legacy(DataSource database) {
        return new Jdbc(database, "SELECT name FROM track WHERE album_id = ? ORDER BY track_id",
                "SELECT SUM(total) FROM invoice WHERE customer_id = ?", "SELECT email FROM customer WHERE customer_id = ?");
    }

    /** The repository v2 ships with: the same questions asked of the renamed tables. */
    static StoreRepository v2(DataSource database) {
        return new Jdbc(database, "SELECT title FROM song WHERE album_id = ? ORDER BY song_id",
                "SELECT SUM(total) FROM invoice WHERE client_id = ?", "SELECT email FROM client WHERE client_id = ?");
    }

    /** Both, by plain JDBC. */
    record Jdbc(DataSource database, String songs, String spent, String email) implements StoreRepository {
        @Override
        public List<String> songsOfAlbum(int albumId) throws SQLException {
            List<String> titles = new ArrayList<>();
            query(songs, albumId, rows -> titles.add(rows.getString(1)));
            return titles;
        }

        @Override
        public BigDecimal totalSpentBy(int customerId) throws SQLException {
            BigDecimal[] total = new BigDecimal[1];
            query(spent, customerId, rows -> total[0] = rows.getBigDecimal(1));
            return total[0];
        }

        @Override
        public String emailOf(int customerId) throws SQLException {
            String[] found = new String[1];
            query(email, customerId, rows -> found[0] = rows.getString(1));
            return found[0];
        }

        private void query(String sql, int id, RowReader reader) throws SQLException {
            try (Connection connection = database.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        }
    }

    /** Reads one row. */
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }
}
