package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.FixtureSql;
import dev.migrationstudio.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Identifiers are always quoted and values always bound (or COPY-escaped): hostile ones copy exactly. */
class HostileDataTest {

    private static final String LONG = "ü".repeat(50_000) + "🎵".repeat(10_000);
    private static final List<String> VALUES = List.of(
            "it's \"quoted\"", "back\\slash \\N \\x41", "tab\there", "new\nline", "carriage\rreturn",
            "bell\u0007 escape\u001b unit\u001f", "emoji 🎵🚀👩‍👩‍👧", "", "  padded  ", "'; DROP TABLE \"x\"; --",
            LONG);

    @ParameterizedTest
    @EnumSource(Engine.class)
    void hostileIdentifiersAndValuesCopyExactly(Engine engine) throws Exception {
        try (TestDatabase source = engine.create("src"); TestDatabase target = engine.create("tgt")) {
            String text = FixtureSql.longText(engine);
            source.execute("CREATE TABLE \"Order Lines\" (\"Line Id\" INTEGER PRIMARY KEY, \"select\" " + text
                    + ", \"quote\"\"d\" VARCHAR(40), \"MixedCase\" INTEGER)");
            target.execute("CREATE TABLE \"from\" (\"where\" INTEGER PRIMARY KEY, \"group by\" " + text
                    + ", \"Quote\"\"D\" VARCHAR(40), \"MixedCase\" INTEGER)");
            try (Connection connection = source.dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement(
                         quoted(engine, "INSERT INTO \"Order Lines\" VALUES (?, ?, ?, ?)"))) {
                for (int i = 0; i < VALUES.size(); i++) {
                    insert.setInt(1, i + 1);
                    insert.setString(2, VALUES.get(i));
                    insert.setString(3, i % 2 == 0 ? null : "x\"y'z");
                    insert.setInt(4, -i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            MappingSpec spec = MappingSpec.builder("hostile")
                    .table("Order Lines").to("from", t -> t
                            .key("Line Id").to("where")
                            .field("select").to("group by")
                            .field("quote\"d").to("Quote\"D")
                            .field("MixedCase"))
                    .build();

            MigrationResult result = JdbcMigrator.configure().source(source.dataSource()).target(target.dataSource())
                    .spec(spec).chunkSize(4).logProgress(false).load().migrate();

            assertThat(result.table("Order Lines").orElseThrow().thisRun().loaded()).isEqualTo(VALUES.size());
            assertThat(rows(source, engine, "SELECT \"Line Id\", \"select\", \"quote\"\"d\", \"MixedCase\" FROM \"Order Lines\" "
                    + "ORDER BY 1"))
                    .isEqualTo(rows(target, engine, "SELECT \"where\", \"group by\", \"Quote\"\"D\", \"MixedCase\" FROM \"from\" "
                            + "ORDER BY 1"));
            assertThat(rows(target, engine, "SELECT \"where\", \"group by\", \"Quote\"\"D\", \"MixedCase\" FROM \"from\" "
                    + "WHERE \"where\" = 11").get(0).get(1)).isEqualTo(shown(LONG));
        }
    }

    /** Long values by length and hash, so that a failure message stays readable. */
    private static String shown(String value) {
        return value == null || value.length() < 200 ? value : value.length() + " characters, sha256 "
                + com.google.common.hash.Hashing.sha256().hashString(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The statement with its double-quoted identifiers in back-quotes on MariaDB, whose connections
     * given to the engine run in the server's own mode (the identifiers here hold no back-quote).
     */
    private static String quoted(Engine engine, String sql) {
        if (engine != Engine.MARIADB) {
            return sql;
        }
        return java.util.regex.Pattern.compile("\"((?:[^\"]|\"\")*)\"").matcher(sql)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement("`" + m.group(1).replace("\"\"", "\"") + "`"));
    }

    private static List<List<Object>> rows(TestDatabase db, Engine engine, String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(quoted(engine, sql)); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                rows.add(Arrays.asList(rs.getInt(1), shown(rs.getString(2)), rs.getString(3), rs.getInt(4)));
            }
        }
        return rows;
    }
}
