package dev.migrationstudio.risk;

import dev.migrationstudio.inventory.Inventory;
import java.util.List;

/**
 * An automatic check of an inventory that finds risks. Implement it to add a house rule to
 * {@link RiskRules#with(RiskRule)}.
 */
@FunctionalInterface
public interface RiskRule {

    /**
     * The risks this rule finds; build them with {@link Risk#automatic}. The register numbers them.
     *
     * @param inventory the inventory to assess
     * @return the risks; empty when there is none
     */
    List<Risk> assess(Inventory inventory);
}
