package dev.migrationstudio.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationstudio.chinook.ChinookDataset;
import dev.migrationstudio.report.DocumentFormat;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.testing.Engine;
import dev.migrationstudio.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's review example runs against real databases and fills the evidence pack. */
class ReviewExampleTest {

    private static final String V2 = "CREATE TABLE client (client_id INT NOT NULL, given_name VARCHAR(40) NOT NULL,"
            + " family_name VARCHAR(20) NOT NULL, company VARCHAR(80), address VARCHAR(70), city VARCHAR(40),"
            + " state VARCHAR(40), country VARCHAR(40), postal_code VARCHAR(10), phone VARCHAR(18),"
            + " email VARCHAR(60) NOT NULL, support_rep_id INT, CONSTRAINT client_pkey PRIMARY KEY (client_id),"
            + " CONSTRAINT client_email_key UNIQUE (email))";

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reviewsChinookAgainstTheV2SchemaAndFillsTheEvidencePack(Engine engine) {
        try (TestDatabase source = engine.create("example-source"); TestDatabase target = engine.create("example-v2")) {
            ChinookDataset.load(source.dataSource());
            target.execute(V2);
            PrintStream original = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            EvidencePack pack;
            try {
                pack = ReviewExample.review(source.dataSource(), target.dataSource());
            } finally {
                System.setOut(original);
            }

            long longPhones = ((Number) source.queryValue("SELECT COUNT(*) FROM customer WHERE CHAR_LENGTH(phone) > 18"))
                    .longValue();
            assertThat(longPhones).isPositive();
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("BLOCKER length narrowing at customer.phone -> client.phone: " + longPhones + " of 59 values "
                            + "exceed VARCHAR(18)")
                    .contains("BLOCKER broken downstream consumer at billing-api: service billing-api uses 2 columns "
                            + "and tables the spec changes: reads " + source.schema() + ".invoice, which the spec does not "
                            + "migrate; reads customer.email, whose table becomes client. Acknowledged: customer.email "
                            + "(billing-api v7 reads client.email); still open: " + source.schema() + ".invoice");
            String review = pack.document("review", DocumentFormat.MARKDOWN).orElseThrow().content();
            assertThat(review).contains("billing-api v7 reads client.email")
                    .contains("unique key client_email_key of " + target.schema() + ".client needs (email) unique; the source does "
                            + "not enforce it, though today's 59 values are all distinct (and still all distinct "
                            + "after the rules lower case)");
            String risks = pack.document("risks", DocumentFormat.MARKDOWN).orElseThrow().content();
            assertThat(risks).contains("Table " + source.schema() + ".playlist_track is very large (8,715 rows)")
                    .contains("length narrowing at customer.phone -> client.phone");
            assertThat(pack.document("review", DocumentFormat.JSON)).isPresent();
            assertThat(pack.document("inventory", DocumentFormat.MARKDOWN).orElseThrow().content())
                    .contains("## Load order").contains("```mermaid");
        }
    }

    @Test
    void theReadmeShowsTheReviewExampleAsCompiled() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/migrationstudio/examples/ReviewExample.java"));
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(readme).as("README.md must show the review code exactly as it compiles in ReviewExample")
                .contains(ReadmeSnippets.region(source, "review"));
    }
}
