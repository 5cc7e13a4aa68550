package dev.migrationstudio.examples;

import static dev.migrationstudio.mapping.Transforms.lowerCase;

import dev.migrationstudio.MigrationPlan;
import dev.migrationstudio.inventory.Artifact;
import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.jdbc.DataProfiler;
import dev.migrationstudio.jdbc.DowntimeEstimator;
import dev.migrationstudio.jdbc.JdbcInventory;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.report.EvidencePack;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.MappingReview;
import dev.migrationstudio.review.MappingReviewer;
import dev.migrationstudio.risk.RiskRegister;
import dev.migrationstudio.risk.RiskRules;
import javax.sql.DataSource;

/**
 * Stages 1 and 2 against real databases, as shown in the README: discover the source, assess its
 * risks, review a mapping of Chinook's customers against the real target schema and the real data,
 * print the blockers and put everything in the evidence pack.
 */
public final class ReviewExample {

    private ReviewExample() {
    }

    /** Runs the review of a Chinook source against a v2 target and returns the evidence pack. */
    public static EvidencePack review(DataSource source, DataSource target) {
        // snippet:start review
        Inventory inventory = JdbcInventory.scan(source).toBuilder()
            .artifact(Artifact.service("billing-api").owner("payments").reads("invoice", "customer.email"))
            .build();
        Inventory v2 = JdbcInventory.scan(target);

        MappingSpec spec = MappingSpec.builder("chinook-to-v2").source(inventory)
            .table("customer").to("client", t -> t
                .key("customer_id").to("client_id")
                .field("first_name").to("given_name")
                .field("last_name").to("family_name")
                .field("company").field("address").field("city").field("state").field("country")
                .field("postal_code").field("phone")
                .field("email").transform(lowerCase())
                .field("support_rep_id")
                .drop("fax", "no longer collected")
                .acknowledge("email", FindingKind.BROKEN_CONSUMER, "billing-api v7 reads client.email"))
            .build();

        MappingReview review = MappingReviewer.review(spec, inventory, v2, DataProfiler.of(source));
        review.blockers().forEach(finding -> System.out.println(finding.describe()));

        RiskRegister risks = DowntimeEstimator.of(source).estimate(
            RiskRules.standard().largeTableThreshold(5_000).assess(inventory).toBuilder()
                .risks(review.risks())
                .build(),
            inventory);

        EvidencePack pack = MigrationPlan.builder("chinook v2")
            .inventory(inventory).risks(risks).mapping(spec)
            .build()
            .evidencePack()
            .with(review);
        // snippet:end review
        return pack;
    }
}
