package dev.migrationstudio.liquibase;

import dev.migrationstudio.mapping.MappingSpec;
import java.util.function.Supplier;

/** The spec the test changelog names; {@link #origin} lets a test edit it between runs. */
public final class ProductSpec implements Supplier<MappingSpec> {
    static volatile String origin = "legacy";

    @Override
    public MappingSpec get() {
        String value = origin;
        return MappingSpec.builder("items-to-products")
                .table("item").to("product", t -> t
                        .key("id").to("product_id")
                        .field("name").to("title")
                        .constant("origin", value))
                .build();
    }
}
