package dev.migrationstudio.examples.liquibase;

import dev.migrationstudio.examples.QuickStartPlan;
import dev.migrationstudio.mapping.MappingSpec;
import java.util.function.Supplier;

// snippet:start liquibase-spec
/** The spec the changelog names: Liquibase instantiates it and asks it for the spec. */
public class ShopSpec implements Supplier<MappingSpec> {
    @Override
    public MappingSpec get() {
        return QuickStartPlan.plan().mapping();
    }
}
// snippet:end liquibase-spec
