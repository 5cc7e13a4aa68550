package dev.migrationstudio.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.MappingReviewer;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A unique index the inventory reads from the database is a unique key to the review when its columns
 * are NOT NULL; over a nullable column it is not, since it lets several rows hold NULL.
 */
class UniqueIndexReviewTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aUniqueIndexOnNotNullColumnsEnforcesTheTargetsUniqueKey(Engine engine) {
        try (TestDatabase sourceDb = engine.create("index-source"); TestDatabase targetDb = engine.create("index-target")) {
            sourceDb.execute(
                    "CREATE TABLE account (account_id INT NOT NULL, login VARCHAR(40) NOT NULL, nickname VARCHAR(40),"
                            + " CONSTRAINT account_pkey PRIMARY KEY (account_id))",
                    "CREATE UNIQUE INDEX account_login_idx ON account (login)",
                    "CREATE UNIQUE INDEX account_nickname_idx ON account (nickname)",
                    "INSERT INTO account VALUES (1, 'ada', 'a'), (2, 'bob', NULL), (3, 'cy', NULL)");
            targetDb.execute(
                    "CREATE TABLE account (account_id INT NOT NULL, login VARCHAR(40) NOT NULL, nickname VARCHAR(40),"
                            + " CONSTRAINT account_pkey PRIMARY KEY (account_id),"
                            + " CONSTRAINT account_login_key UNIQUE (login),"
                            + " CONSTRAINT account_nickname_key UNIQUE (nickname))");
            Inventory source = JdbcInventory.scan(sourceDb.dataSource());
            Inventory target = JdbcInventory.scan(targetDb.dataSource());
            MappingSpec spec = MappingSpec.builder("accounts")
                    .table("account", t -> t.key("account_id").field("login").field("nickname")).build();

            MappingReview review = MappingReviewer.review(spec, source, target, DataProfiler.of(sourceDb.dataSource()));

            assertThat(review.findings()).as("login is kept unique by its index; nickname may repeat NULL")
                    .extracting(Finding::kind, Finding::location)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingKind.NON_UNIQUE_KEY,
                            "account(nickname)"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = "POSTGRES")
    void aPartialUniqueIndexDoesNotEnforceTheWholeColumn(Engine engine) {
        try (TestDatabase sourceDb = engine.create("partial-source"); TestDatabase targetDb = engine.create("partial-target")) {
            sourceDb.execute(
                    "CREATE TABLE account (account_id INT NOT NULL, login VARCHAR(40) NOT NULL, active BOOLEAN NOT NULL,"
                            + " CONSTRAINT account_pkey PRIMARY KEY (account_id))",
                    "CREATE UNIQUE INDEX account_active_login_idx ON account (login) WHERE active",
                    "INSERT INTO account VALUES (1, 'ada', TRUE), (2, 'ada', FALSE)");
            targetDb.execute("CREATE TABLE account (account_id INT NOT NULL, login VARCHAR(40) NOT NULL,"
                    + " active BOOLEAN NOT NULL, CONSTRAINT account_pkey PRIMARY KEY (account_id),"
                    + " CONSTRAINT account_login_key UNIQUE (login))");
            MappingSpec spec = MappingSpec.builder("accounts")
                    .table("account", t -> t.key("account_id").field("login").field("active")).build();

            MappingReview review = MappingReviewer.review(spec, JdbcInventory.scan(sourceDb.dataSource()),
                    JdbcInventory.scan(targetDb.dataSource()), DataProfiler.of(sourceDb.dataSource()));

            assertThat(review.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(FindingKind.NON_UNIQUE_KEY);
                assertThat(f.affectedRows()).hasValue(1);
            });
        }
    }
}
