package dev.migrationstudio.examples.chinook;

import static dev.migrationstudio.mapping.Transforms.lowerCase;
import static dev.migrationstudio.mapping.Transforms.trim;

import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.Row;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.risk.Likelihood;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Chinook migration's decisions: the v2 schema, the services that depend on the data, the
 * declared risks, and the mapping from the legacy schema to v2.
 *
 * <p>What changes: tables and columns are renamed ({@code track} becomes {@code song},
 * {@code customer} becomes {@code client}, {@code employee} becomes {@code staff}); names are joined
 * ({@code display_name}, {@code full_name}) and split (a song's {@code lead_composer} out of its
 * composers); e-mails are trimmed and lower-cased; money moves to DECIMAL(12,2) without losing a
 * cent; timestamps that only ever held dates become DATEs; fax numbers are dropped; video playlists
 * stay behind (a named filter); the staff hierarchy and the composite key of the playlist table are
 * carried intact.
 */
public final class ChinookV2 {

    /** Playlists of videos: 2 and 7 "Movies", 3 and 10 "TV Shows", 9 "Music Videos". */
    static final Set<Integer> VIDEO_PLAYLISTS = Set.of(2, 3, 7, 9, 10);
    private static final String VIDEO_FILTER = "video playlists stay in legacy";

    private ChinookV2() {
    }

    /** The v2 schema's statements, for H2 and PostgreSQL. */
    public static List<String> schema() {
        try (InputStream in = ChinookV2.class.getClassLoader().getResourceAsStream("chinook/v2-schema.sql")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(script.replaceAll("(?m)^--.*$", "").split(";"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services and jobs that read the legacy data, declared by the teams that own them. */
    public static Inventory withArtifacts(Inventory scanned) {
        return scanned.toBuilder()
                .artifact(Artifact.service("storefront-api").owner("web").reads("track", "album", "artist",
                        "genre", "media_type", "playlist", "playlist_track"))
                .artifact(Artifact.service("billing-service").owner("payments")
                        .reads("invoice", "invoice_line", "customer.email").writes("invoice", "invoice_line"))
                .artifact(Artifact.service("hr-portal").owner("people").reads("employee"))
                .artifact(Artifact.job("nightly-sales-report").owner("finance")
                        .reads("invoice.total", "invoice.billing_country", "customer.country")
                        .dependsOn("billing-service"))
                .build();
    }

    /** The risks the team declares beside the automatic findings. */
    public static RiskRegister declaredRisks(RiskRegister automatic) {
        return automatic.toBuilder()
                .risk("Money must keep every cent").severity(Severity.CRITICAL).likelihood(Likelihood.UNLIKELY)
                        .mitigation("NUMERIC(10,2) to DECIMAL(12,2) with a lossless cast; revenue parity per country")
                        .affects("invoice", "invoice_line", "track")
                .risk("Two customers' e-mails collide once lower-cased").severity(Severity.HIGH)
                        .likelihood(Likelihood.RARE)
                        .mitigation("client.email is UNIQUE in v2: a collision is quarantined, never merged")
                        .affects("customer.email")
                .risk("Services still read legacy names after the switch").severity(Severity.HIGH)
                        .likelihood(Likelihood.POSSIBLE)
                        .mitigation("storefront-api, billing-service and hr-portal ship v2 readers before cutover")
                        .affects("storefront-api", "billing-service", "hr-portal")
                .order("employee", "customer", "clients name their account manager among the staff")
                .build();
    }

    /** The mapping from legacy Chinook to v2. */
    public static MappingSpec mapping(Inventory legacy) {
        String storefront = "storefront-api 3.0 reads the v2 names; it ships before the cutover";
        String billing = "billing-service 7.0 reads and writes the v2 names; it ships before the cutover";
        return MappingSpec.builder("chinook-to-v2").source(legacy)
                .table("artist", t -> t.key("artist_id").field("name"))
                .table("album", t -> t.key("album_id").field("title").field("artist_id"))
                .table("genre", t -> t.key("genre_id").field("name"))
                .table("media_type", t -> t.key("media_type_id").field("name"))
                .table("track").to("song", t -> t
                        .key("track_id").to("song_id")
                        .field("name").to("title")
                        .field("album_id").field("media_type_id").field("genre_id")
                        .field("composer").to("composers")
                        .derive("lead_composer", List.of("composer"), ChinookV2::leadComposer)
                                .named("first of the composers, split on , / &")
                                .note("the storefront shows one composer; the full list stays in composers")
                        .field("milliseconds").to("duration_ms")
                        .field("bytes").to("size_bytes")
                        .field("unit_price").to("price").cast("DECIMAL(12,2)")
                        .acknowledge("track", FindingKind.BROKEN_CONSUMER, storefront))
                .table("employee").to("staff", t -> t
                        .key("employee_id").to("staff_id")
                        .field("first_name").to("given_name").transform(trim())
                        .field("last_name").to("family_name").transform(trim())
                        .derive("full_name", List.of("first_name", "last_name"),
                                row -> join(row, "first_name", "last_name")).named("given + family name")
                        .field("title")
                        .field("reports_to").to("manager_id")
                        .field("birth_date").cast("DATE").note("legacy stored dates as midnight timestamps")
                        .field("hire_date").cast("DATE")
                        .field("address").field("city").field("state").field("country").field("postal_code")
                        .field("phone")
                        .field("email").transform(trim()).transform(lowerCase())
                        .drop("fax", "fax numbers are no longer collected")
                        .acknowledge("employee", FindingKind.BROKEN_CONSUMER,
                                "hr-portal reads staff from its 2.4 release, deployed with the cutover"))
                .table("customer").to("client", t -> t
                        .key("customer_id").to("client_id")
                        .field("first_name").to("given_name").transform(trim())
                        .field("last_name").to("family_name").transform(trim())
                        .derive("display_name", List.of("first_name", "last_name"),
                                row -> join(row, "first_name", "last_name")).named("given + family name")
                        .field("company").field("address").field("city").field("state").field("country")
                        .field("postal_code").field("phone")
                        .field("email").transform(trim()).transform(lowerCase())
                                .note("v2 logins compare e-mails case-insensitively")
                        .field("support_rep_id").to("account_manager_id")
                        .fill("status", "ACTIVE")
                        .drop("fax", "fax numbers are no longer collected")
                        .acknowledge("email", FindingKind.BROKEN_CONSUMER, billing)
                        .acknowledge("country", FindingKind.BROKEN_CONSUMER,
                                "the nightly sales report is rewritten for client.country in the same release"))
                .table("invoice", t -> t
                        .key("invoice_id")
                        .field("customer_id").to("client_id")
                        .field("invoice_date").to("issued_on").cast("DATE")
                                .note("invoices were always dated at midnight")
                        .field("billing_address").field("billing_city").field("billing_state")
                        .field("billing_country").field("billing_postal_code")
                        .field("total").cast("DECIMAL(12,2)")
                        .acknowledge("invoice", FindingKind.BROKEN_CONSUMER, billing)
                        .acknowledge("total", FindingKind.BROKEN_CONSUMER,
                                "the report reads totals as decimals; the scale stays 2, only the precision grows"))
                .table("invoice_line", t -> t
                        .key("invoice_line_id")
                        .field("invoice_id")
                        .field("track_id").to("song_id")
                        .field("unit_price").cast("DECIMAL(12,2)")
                        .field("quantity")
                        .acknowledge("invoice_line", FindingKind.BROKEN_CONSUMER, billing))
                .table("playlist", t -> t
                        .key("playlist_id").field("name")
                        .filter(VIDEO_FILTER, List.of("playlist_id"), row -> !isVideo(row)))
                .table("playlist_track").to("playlist_song", t -> t
                        .key("playlist_id").key("track_id").to("song_id")
                        .filter(VIDEO_FILTER, List.of("playlist_id"), row -> !isVideo(row))
                        .acknowledge("playlist_track", FindingKind.BROKEN_CONSUMER, storefront))
                .build();
    }

    private static boolean isVideo(Row row) {
        return VIDEO_PLAYLISTS.contains(row.integer("playlist_id"));
    }

    private static Object join(Row row, String first, String last) {
        return row.string(first).strip() + " " + row.string(last).strip();
    }

    /** "Angus Young, Malcolm Young, Brian Johnson" becomes "Angus Young"; NULL stays NULL. */
    static Object leadComposer(Row row) {
        String composers = row.string("composer");
        if (composers == null) {
            return null;
        }
        String lead = composers.split("[,/&]")[0].strip();
        return lead.isEmpty() ? null : lead;
    }

    /** Queries whose answers must not change: each pair runs on legacy and on v2. */
    public static List<String[]> parityQueries() {
        return List.of(
                new String[] {"revenue per country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country"},
                new String[] {"songs per genre",
                        "SELECT g.name, COUNT(*) FROM track t JOIN genre g ON g.genre_id = t.genre_id GROUP BY g.name",
                        "SELECT g.name, COUNT(*) FROM song s JOIN genre g ON g.genre_id = s.genre_id GROUP BY g.name"},
                new String[] {"top ten clients by spend",
                        "SELECT c.first_name || ' ' || c.last_name, SUM(i.total) AS spent FROM customer c "
                                + "JOIN invoice i ON i.customer_id = c.customer_id "
                                + "GROUP BY c.customer_id, c.first_name, c.last_name ORDER BY spent DESC, 1 LIMIT 10",
                        "SELECT c.display_name, SUM(i.total) AS spent FROM client c "
                                + "JOIN invoice i ON i.client_id = c.client_id "
                                + "GROUP BY c.client_id, c.display_name ORDER BY spent DESC, 1 LIMIT 10"},
                new String[] {"music playlist sizes",
                        "SELECT playlist_id, COUNT(*) FROM playlist_track WHERE playlist_id NOT IN (2, 3, 7, 9, 10) "
                                + "GROUP BY playlist_id",
                        "SELECT playlist_id, COUNT(*) FROM playlist_song GROUP BY playlist_id"});
    }
}
