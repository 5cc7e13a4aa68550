package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.Inventory;
import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@link FindingKind#UNKNOWN_TABLE}: a source or target table of the spec that its inventory lacks. */
final class UnknownTables implements ReviewRule {

    @Override
    public List<Draft> check(ReviewContext context) {
        List<Draft> drafts = new ArrayList<>();
        for (TableMapping mapping : context.spec().tables()) {
            lookUp(context.source(), mapping.source(), "source", mapping, drafts);
            lookUp(context.target(), mapping.target(), "target", mapping, drafts);
        }
        return drafts;
    }

    private static void lookUp(Inventory inventory, TableId id, String side, TableMapping mapping, List<Draft> drafts) {
        try {
            if (inventory.table(id).isEmpty()) {
                drafts.add(Draft.of(FindingKind.UNKNOWN_TABLE, FindingSeverity.BLOCKER, id.toString(),
                        "the %s table %s of mapping %s is not in the %s inventory (tables: %s)", side, id,
                        mapping.describe(), side, names(inventory))
                        .fix("correct the table name, or scan the schema that holds it")
                        .scope(List.of(mapping), id.name()));
            }
        } catch (IllegalArgumentException ambiguous) {
            drafts.add(Draft.of(FindingKind.UNKNOWN_TABLE, FindingSeverity.BLOCKER, id.toString(), "%s",
                    ambiguous.getMessage())
                    .fix("qualify the %s table with its schema in the spec", side)
                    .scope(List.of(mapping), id.name()));
        }
    }

    private static String names(Inventory inventory) {
        return inventory.tables().stream().map(t -> t.id().toString()).collect(Collectors.joining(", "));
    }
}
