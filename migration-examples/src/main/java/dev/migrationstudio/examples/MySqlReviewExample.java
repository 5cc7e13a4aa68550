package dev.migrationstudio.examples;

import static dev.migrationstudio.mapping.Transforms.atZone;
import static dev.migrationstudio.mapping.Transforms.setToArray;
import static dev.migrationstudio.mapping.Transforms.zeroDatesAsNull;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.jdbc.DataProfiler;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.MappingReviewer;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * The README's MySQL-to-PostgreSQL review: a shop's {@code orders} table on MariaDB (zero dates, a
 * TINYINT(1) flag, DATETIME and TIMESTAMP, ENUM and SET, a spatial column) mapped into PostgreSQL, each
 * edge case with its explicit rule.
 */
public final class MySqlReviewExample {

    private MySqlReviewExample() {
    }

    /** Reviews the mapping of {@code orders} from a MariaDB or MySQL source into a PostgreSQL target. */
    public static MappingReview review(DataSource mysql, DataSource postgres) {
        // snippet:start mysql
        Inventory source = JdbcInventory.scan(mysql);           // the connection's database
        Inventory target = JdbcInventory.scan(postgres);

        MappingSpec spec = MappingSpec.builder("shop-to-postgres")
            .table("orders", t -> t
                .key("id")                                          // INT UNSIGNED AUTO_INCREMENT
                .field("shipped_on").transform(zeroDatesAsNull())   // '0000-00-00' -> NULL, on purpose
                .field("paid").cast("BOOLEAN")                      // TINYINT(1): 0 and 1; a 2 is rejected
                .field("placed_at").transform(atZone(ZoneId.of("Europe/Paris")))  // DATETIME: local time
                .field("stamped_at")                                // TIMESTAMP: an instant, read in UTC
                .field("status")                                    // ENUM -> text
                .field("tags").transform(setToArray())              // SET -> text[]
                .drop("shape", "spatial: moved with ST_AsText / ST_GeomFromText"))
            .build();

        MappingReview review = MappingReviewer.review(spec, source, target, DataProfiler.of(mysql));
        review.blockers().forEach(finding -> System.out.println(finding.describe()));
        // snippet:end mysql
        return review;
    }
}
