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
        return withArtifacts(scanned, LegacyNames.SNAKE_CASE);
    }

    /** The services and jobs that read the legacy data, with legacy spelled as {@code names} says. */
    public static Inventory withArtifacts(Inventory scanned, LegacyNames names) {
        return scanned.toBuilder()
                .artifact(Artifact.service("storefront-api").owner("web").reads(names.of("track"), names.of("album"),
                        names.of("artist"), names.of("genre"), names.of("media_type"), names.of("playlist"),
                        names.of("playlist_track")))
                .artifact(Artifact.service("billing-service").owner("payments")
                        .reads(names.of("invoice"), names.of("invoice_line"), names.of("customer", "email"))
                        .writes(names.of("invoice"), names.of("invoice_line")))
                .artifact(Artifact.service("hr-portal").owner("people").reads(names.of("employee")))
                .artifact(Artifact.job("nightly-sales-report").owner("finance")
                        .reads(names.of("invoice", "total"), names.of("invoice", "billing_country"),
                                names.of("customer", "country"))
                        .dependsOn("billing-service"))
                .build();
    }

    /** The risks the team declares beside the automatic findings. */
    public static RiskRegister declaredRisks(RiskRegister automatic) {
        return declaredRisks(automatic, LegacyNames.SNAKE_CASE);
    }

    /** The risks the team declares beside the automatic findings, with legacy spelled as {@code names} says. */
    public static RiskRegister declaredRisks(RiskRegister automatic, LegacyNames names) {
        return automatic.toBuilder()
                .risk("Money must keep every cent").severity(Severity.CRITICAL).likelihood(Likelihood.UNLIKELY)
                        .mitigation("NUMERIC(10,2) to DECIMAL(12,2) with a lossless cast; revenue parity per country")
                        .affects(names.of("invoice"), names.of("invoice_line"), names.of("track"))
                .risk("Two customers' e-mails collide once lower-cased").severity(Severity.HIGH)
                        .likelihood(Likelihood.RARE)
                        .mitigation("client.email is UNIQUE in v2: a collision is quarantined, never merged")
                        .affects(names.of("customer", "email"))
                .risk("Services still read legacy names after the switch").severity(Severity.HIGH)
                        .likelihood(Likelihood.POSSIBLE)
                        .mitigation("storefront-api, billing-service and hr-portal ship v2 readers before cutover")
                        .affects("storefront-api", "billing-service", "hr-portal")
                .order(names.of("employee"), names.of("customer"), "clients name their account manager among the staff")
                .build();
    }

    /** The mapping from legacy Chinook (the PostgreSQL script's names) to v2. */
    public static MappingSpec mapping(Inventory legacy) {
        return mapping(legacy, LegacyNames.SNAKE_CASE);
    }

    /**
     * The mapping from legacy Chinook to v2, with legacy spelled as {@code names} says. Target names are
     * v2's; a source name that v2 keeps is still named twice, because in the MySQL flavour it changes
     * spelling ({@code UnitPrice} becomes {@code unit_price}).
     */
    public static MappingSpec mapping(Inventory legacy, LegacyNames names) {
        String storefront = "storefront-api 3.0 reads the v2 names; it ships before the cutover";
        String billing = "billing-service 7.0 reads and writes the v2 names; it ships before the cutover";
        LegacyNames n = names;
        return MappingSpec.builder("chinook-to-v2").source(legacy)
                .table(n.of("artist")).to("artist", t -> t.key(n.of("artist_id")).to("artist_id")
                        .field(n.of("name")).to("name"))
                .table(n.of("album")).to("album", t -> t.key(n.of("album_id")).to("album_id")
                        .field(n.of("title")).to("title").field(n.of("artist_id")).to("artist_id"))
                .table(n.of("genre")).to("genre", t -> t.key(n.of("genre_id")).to("genre_id")
                        .field(n.of("name")).to("name"))
                .table(n.of("media_type")).to("media_type", t -> t.key(n.of("media_type_id")).to("media_type_id")
                        .field(n.of("name")).to("name"))
                .table(n.of("track")).to("song", t -> t
                        .key(n.of("track_id")).to("song_id")
                        .field(n.of("name")).to("title")
                        .field(n.of("album_id")).to("album_id")
                        .field(n.of("media_type_id")).to("media_type_id")
                        .field(n.of("genre_id")).to("genre_id")
                        .field(n.of("composer")).to("composers")
                        .derive("lead_composer", List.of(n.of("composer")), row -> leadComposer(row, n))
                                .named("first of the composers, split on , / &")
                                .note("the storefront shows one composer; the full list stays in composers")
                        .field(n.of("milliseconds")).to("duration_ms")
                        .field(n.of("bytes")).to("size_bytes")
                        .field(n.of("unit_price")).to("price").cast("DECIMAL(12,2)")
                        .acknowledge(n.of("track"), FindingKind.BROKEN_CONSUMER, storefront))
                .table(n.of("employee")).to("staff", t -> t
                        .key(n.of("employee_id")).to("staff_id")
                        .field(n.of("first_name")).to("given_name").transform(trim())
                        .field(n.of("last_name")).to("family_name").transform(trim())
                        .derive("full_name", List.of(n.of("first_name"), n.of("last_name")),
                                row -> join(row, n.of("first_name"), n.of("last_name"))).named("given + family name")
                        .field(n.of("title")).to("title")
                        .field(n.of("reports_to")).to("manager_id")
                        .field(n.of("birth_date")).to("birth_date").cast("DATE")
                                .note("legacy stored dates as midnight timestamps")
                        .field(n.of("hire_date")).to("hire_date").cast("DATE")
                        .field(n.of("address")).to("address").field(n.of("city")).to("city")
                        .field(n.of("state")).to("state").field(n.of("country")).to("country")
                        .field(n.of("postal_code")).to("postal_code")
                        .field(n.of("phone")).to("phone")
                        .field(n.of("email")).to("email").transform(trim()).transform(lowerCase())
                        .drop(n.of("fax"), "fax numbers are no longer collected")
                        .acknowledge(n.of("employee"), FindingKind.BROKEN_CONSUMER,
                                "hr-portal reads staff from its 2.4 release, deployed with the cutover"))
                .table(n.of("customer")).to("client", t -> t
                        .key(n.of("customer_id")).to("client_id")
                        .field(n.of("first_name")).to("given_name").transform(trim())
                        .field(n.of("last_name")).to("family_name").transform(trim())
                        .derive("display_name", List.of(n.of("first_name"), n.of("last_name")),
                                row -> join(row, n.of("first_name"), n.of("last_name"))).named("given + family name")
                        .field(n.of("company")).to("company").field(n.of("address")).to("address")
                        .field(n.of("city")).to("city").field(n.of("state")).to("state")
                        .field(n.of("country")).to("country").field(n.of("postal_code")).to("postal_code")
                        .field(n.of("phone")).to("phone")
                        .field(n.of("email")).to("email").transform(trim()).transform(lowerCase())
                                .note("v2 logins compare e-mails case-insensitively")
                        .field(n.of("support_rep_id")).to("account_manager_id")
                        .fill("status", "ACTIVE")
                        .drop(n.of("fax"), "fax numbers are no longer collected")
                        .acknowledge(n.of("email"), FindingKind.BROKEN_CONSUMER, billing)
                        .acknowledge(n.of("country"), FindingKind.BROKEN_CONSUMER,
                                "the nightly sales report is rewritten for client.country in the same release"))
                .table(n.of("invoice")).to("invoice", t -> t
                        .key(n.of("invoice_id")).to("invoice_id")
                        .field(n.of("customer_id")).to("client_id")
                        .field(n.of("invoice_date")).to("issued_on").cast("DATE")
                                .note("invoices were always dated at midnight")
                        .field(n.of("billing_address")).to("billing_address")
                        .field(n.of("billing_city")).to("billing_city")
                        .field(n.of("billing_state")).to("billing_state")
                        .field(n.of("billing_country")).to("billing_country")
                        .field(n.of("billing_postal_code")).to("billing_postal_code")
                        .field(n.of("total")).to("total").cast("DECIMAL(12,2)")
                        .acknowledge(n.of("invoice"), FindingKind.BROKEN_CONSUMER, billing)
                        .acknowledge(n.of("total"), FindingKind.BROKEN_CONSUMER,
                                "the report reads totals as decimals; the scale stays 2, only the precision grows"))
                .table(n.of("invoice_line")).to("invoice_line", t -> t
                        .key(n.of("invoice_line_id")).to("invoice_line_id")
                        .field(n.of("invoice_id")).to("invoice_id")
                        .field(n.of("track_id")).to("song_id")
                        .field(n.of("unit_price")).to("unit_price").cast("DECIMAL(12,2)")
                        .field(n.of("quantity")).to("quantity")
                        .acknowledge(n.of("invoice_line"), FindingKind.BROKEN_CONSUMER, billing))
                .table(n.of("playlist")).to("playlist", t -> t
                        .key(n.of("playlist_id")).to("playlist_id").field(n.of("name")).to("name")
                        .filter(VIDEO_FILTER, List.of(n.of("playlist_id")), row -> !isVideo(row, n)))
                .table(n.of("playlist_track")).to("playlist_song", t -> t
                        .key(n.of("playlist_id")).to("playlist_id").key(n.of("track_id")).to("song_id")
                        .filter(VIDEO_FILTER, List.of(n.of("playlist_id")), row -> !isVideo(row, n))
                        .acknowledge(n.of("playlist_track"), FindingKind.BROKEN_CONSUMER, storefront))
                .build();
    }

    private static boolean isVideo(Row row, LegacyNames names) {
        return VIDEO_PLAYLISTS.contains(row.integer(names.of("playlist_id")));
    }

    private static Object join(Row row, String first, String last) {
        return row.string(first).strip() + " " + row.string(last).strip();
    }

    /** "Angus Young, Malcolm Young, Brian Johnson" becomes "Angus Young"; NULL stays NULL. */
    static Object leadComposer(Row row, LegacyNames names) {
        String composers = row.string(names.of("composer"));
        if (composers == null) {
            return null;
        }
        String lead = composers.split("[,/&]")[0].strip();
        return lead.isEmpty() ? null : lead;
    }

    /** Queries whose answers must not change: each pair runs on legacy and on v2. */
    public static List<String[]> parityQueries() {
        return parityQueries(LegacyNames.SNAKE_CASE);
    }

    /**
     * Queries whose answers must not change, with the legacy side written for the flavour's names. Names
     * are joined with {@code CONCAT}, which every engine has ({@code ||} is a logical or in MySQL).
     */
    public static List<String[]> parityQueries(LegacyNames names) {
        String v2Clients = "SELECT c.display_name, SUM(i.total) AS spent FROM client c "
                + "JOIN invoice i ON i.client_id = c.client_id "
                + "GROUP BY c.client_id, c.display_name ORDER BY spent DESC, 1 LIMIT 10";
        if (names == LegacyNames.PASCAL_CASE) {
            return List.of(
                    new String[] {"revenue per country",
                            "SELECT BillingCountry, SUM(Total) FROM Invoice GROUP BY BillingCountry",
                            "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country"},
                    new String[] {"songs per genre",
                            "SELECT g.Name, COUNT(*) FROM Track t JOIN Genre g ON g.GenreId = t.GenreId "
                                    + "GROUP BY g.Name",
                            "SELECT g.name, COUNT(*) FROM song s JOIN genre g ON g.genre_id = s.genre_id "
                                    + "GROUP BY g.name"},
                    new String[] {"top ten clients by spend",
                            "SELECT CONCAT(c.FirstName, ' ', c.LastName), SUM(i.Total) AS spent FROM Customer c "
                                    + "JOIN Invoice i ON i.CustomerId = c.CustomerId "
                                    + "GROUP BY c.CustomerId, c.FirstName, c.LastName ORDER BY spent DESC, 1 LIMIT 10",
                            v2Clients},
                    new String[] {"music playlist sizes",
                            "SELECT PlaylistId, COUNT(*) FROM PlaylistTrack WHERE PlaylistId NOT IN (2, 3, 7, 9, 10) "
                                    + "GROUP BY PlaylistId",
                            "SELECT playlist_id, COUNT(*) FROM playlist_song GROUP BY playlist_id"});
        }
        return List.of(
                new String[] {"revenue per country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country",
                        "SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country"},
                new String[] {"songs per genre",
                        "SELECT g.name, COUNT(*) FROM track t JOIN genre g ON g.genre_id = t.genre_id GROUP BY g.name",
                        "SELECT g.name, COUNT(*) FROM song s JOIN genre g ON g.genre_id = s.genre_id GROUP BY g.name"},
                new String[] {"top ten clients by spend",
                        "SELECT CONCAT(c.first_name, ' ', c.last_name), SUM(i.total) AS spent FROM customer c "
                                + "JOIN invoice i ON i.customer_id = c.customer_id "
                                + "GROUP BY c.customer_id, c.first_name, c.last_name ORDER BY spent DESC, 1 LIMIT 10",
                        v2Clients},
                new String[] {"music playlist sizes",
                        "SELECT playlist_id, COUNT(*) FROM playlist_track WHERE playlist_id NOT IN (2, 3, 7, 9, 10) "
                                + "GROUP BY playlist_id",
                        "SELECT playlist_id, COUNT(*) FROM playlist_song GROUP BY playlist_id"});
    }
}
