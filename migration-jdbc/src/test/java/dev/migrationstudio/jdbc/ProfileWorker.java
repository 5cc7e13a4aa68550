package dev.migrationstudio.jdbc;

import dev.migrationstudio.inventory.SqlType;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.KeyProfile;
import dev.migrationstudio.review.ProfileRequest;
import dev.migrationstudio.review.TableProfile;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Profiles the table {@code big} and prints what it measured, one {@code name=value} per line. Run in
 * a JVM with a small heap by {@link DataProfilerMemoryTest}; the connection comes from the
 * environment (MS_PROFILE_URL, MS_PROFILE_USER, MS_PROFILE_PASSWORD), so no password is on a command line.
 */
public final class ProfileWorker {

    private ProfileWorker() {
    }

    public static void main(String[] args) {
        String url = System.getenv("MS_PROFILE_URL");
        DataSource dataSource;
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(System.getenv("MS_PROFILE_USER"));
            h2.setPassword(System.getenv("MS_PROFILE_PASSWORD"));
            dataSource = h2;
        } else if (url.startsWith("jdbc:mariadb:")) {
            try {
                org.mariadb.jdbc.MariaDbDataSource mariadb = new org.mariadb.jdbc.MariaDbDataSource(url);
                mariadb.setUser(System.getenv("MS_PROFILE_USER"));
                mariadb.setPassword(System.getenv("MS_PROFILE_PASSWORD"));
                dataSource = mariadb;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        } else {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            postgres.setUser(System.getenv("MS_PROFILE_USER"));
            postgres.setPassword(System.getenv("MS_PROFILE_PASSWORD"));
            dataSource = postgres;
        }
        TableInfo big = JdbcInventory.scan(dataSource).table("big").orElseThrow();
        TableMapping mapping = MappingSpec.builder("bounded").table("big", t -> t.withoutKey("generated rows")
                .field("id").field("code").cast("VARCHAR(8)").field("amount").field("created"))
                .build().table("big").orElseThrow();
        TableInfo target = TableInfo.builder("big").notNullColumn("id", SqlType.integer())
                .column("code", SqlType.varchar(8)).column("amount", SqlType.decimal(5, 2))
                .column("created", SqlType.timestamp()).unique("code").build();
        CountingDataSource counting = new CountingDataSource(dataSource);
        long started = System.nanoTime();

        TableProfile profile = DataProfiler.of(counting).fetchSize(2_000).profile(ProfileRequest.of(big)
                .withKey(List.of("code")).withMapping(mapping, Optional.of(target)));

        KeyProfile code = profile.key(List.of("code")).orElseThrow();
        FieldProfile codeField = profile.mapping(mapping).orElseThrow().field("code").orElseThrow();
        FieldProfile amount = profile.mapping(mapping).orElseThrow().field("amount").orElseThrow();
        System.out.println("millis=" + (System.nanoTime() - started) / 1_000_000);
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        System.out.println("statements=" + counting.statements().size());
        System.out.println("rows=" + profile.rows());
        System.out.println("codeNulls=" + profile.column("code").orElseThrow().nulls());
        System.out.println("codeMaxLength=" + profile.column("code").orElseThrow().maxLength().getAsLong());
        System.out.println("codeDistinct=" + code.distinct());
        System.out.println("codeDuplicateRows=" + code.duplicateRows());
        System.out.println("codeRejected=" + codeField.rejected());
        System.out.println("amountTooWide=" + amount.loss(FindingKind.PRECISION_NARROWING).orElseThrow().rows());
        System.out.println("createdLatest=" + profile.column("created").orElseThrow().latest().orElseThrow());
        KeyProfile targetCode = profile.mapping(mapping).orElseThrow().targetKey(List.of("code")).orElseThrow();
        System.out.println("targetCodeDistinct=" + targetCode.distinct());
        System.out.println("targetCodeDuplicateRows=" + targetCode.duplicateRows());
    }
}
