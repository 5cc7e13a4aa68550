package dev.migrationstudio.test;

import static dev.migrationstudio.mapping.Transforms.lowerCase;
import static dev.migrationstudio.mapping.Transforms.trim;

import dev.migrationstudio.mapping.MappingSpec;
import java.util.List;

/** The spec the kit's tests exercise: renames, a transform, a fill, a cast, a filter and a derive. */
final class Specs {

    static final MappingSpec SHOP = MappingSpec.builder("shop-to-v2")
            .table("customer").to("client", t -> t
                    .key("customer_id").to("client_id")
                    .field("first_name").to("given_name").transform(trim())
                    .field("email").transform(trim()).transform(lowerCase())
                    .fill("status", "ACTIVE")
                    .drop("fax", "no longer collected"))
            .table("invoice", t -> t
                    .key("invoice_id")
                    .field("customer_id").to("client_id")
                    .field("total").cast("DECIMAL(12,2)")
                    .filter("no zero invoices", List.of("total"), row -> row.decimal("total").signum() != 0))
            .build();

    private Specs() {
    }
}
