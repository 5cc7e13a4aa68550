package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.ColumnInfo;
import dev.migrationstudio.inventory.IndexInfo;
import dev.migrationstudio.inventory.KeyInfo;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.inventory.TextEncoding;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.KeyProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link FindingKind#COLLATION}: a target key over text whose collation compares differently from the
 * source's, both ways. A target collation that ignores case or trailing spaces (MySQL's and MariaDB's
 * {@code _ci} and PAD SPACE collations) merges values the source holds as distinct: measured on the
 * data after the rules, as the target would compare them. A source key enforced under such a collation
 * becomes, in a target that compares exactly (PostgreSQL), a weaker constraint that admits values the
 * source refused.
 */
final class Collations implements ReviewRule.PerTargetTable {

    @Override
    public void checkTable(ReviewContext context, ReviewContext.Site site, TableInfo target, List<Draft> drafts) {
        TableInfo source = site.source();
        for (KeyInfo key : ReviewContext.targetKeys(target)) {
            Optional<List<String>> fed = ReviewContext.feed(site.mapping(), key.columns());
            if (fed.isEmpty() || !fed.get().stream().allMatch(source::hasColumn)) {
                continue;
            }
            List<String> merging = new ArrayList<>();
            List<String> weakened = new ArrayList<>();
            for (int i = 0; i < key.columns().size(); i++) {
                Optional<TextEncoding> to = target.column(key.columns().get(i)).flatMap(ColumnInfo::encoding);
                Optional<TextEncoding> from = source.column(fed.get().get(i)).flatMap(ColumnInfo::encoding);
                if (folds(to, from)) {
                    merging.add(key.columns().get(i) + " (" + to.get().collation() + ")");
                }
                if (folds(from, to)) {
                    weakened.add(fed.get().get(i) + " (" + from.get().collation() + ")");
                }
            }
            String location = Texts.column(site.mapping().target(), String.join(", ", key.columns()));
            if (!merging.isEmpty()) {
                drafts.add(merging(site, key, location, merging));
            }
            Optional<String> guarantee = enforcedBy(source, fed.get());
            if (!weakened.isEmpty() && guarantee.isPresent()) {
                drafts.add(Draft.of(FindingKind.COLLATION, FindingSeverity.WARNING, location,
                        "the source keeps (%s) unique with %s under %s, which treats values differing only in case "
                                + "or trailing spaces as one; %s of %s compares them exactly, so it admits values the "
                                + "source refused", String.join(", ", fed.get()), guarantee.get(),
                        String.join(", ", weakened), key.name(), target.id())
                        .fix("keep the rule in the target with a unique index on the folded value, e.g. "
                                + "lower(rtrim(column)), or accept the weaker key")
                        .source(source).scope(List.of(site.mapping()), key.columns().toArray(String[]::new)));
            }
        }
    }

    private static Draft merging(ReviewContext.Site site, KeyInfo key, String location, List<String> merging) {
        Optional<KeyProfile> projected = site.profile().flatMap(m -> m.targetKey(key.columns()));
        Optional<List<String>> fed = ReviewContext.feed(site.mapping(), key.columns());
        long sourceRepeats = fed.flatMap(f -> site.measurement().flatMap(m -> m.key(f)))
                .map(KeyProfile::duplicateRows).orElse(0L);
        String what = "key " + key.name() + " compares " + String.join(", ", merging)
                + " ignoring case or trailing spaces";
        Draft draft;
        if (projected.isPresent() && projected.get().duplicateRows() > sourceRepeats) {
            long collisions = projected.get().duplicateRows() - sourceRepeats;
            draft = Draft.of(FindingKind.COLLATION, FindingSeverity.BLOCKER, location,
                    "%s: %s rows hold a value the source keeps distinct from an earlier row's but the target "
                            + "counts as the same, so they would be refused", what, Texts.count(collisions))
                    .rows(collisions);
        } else if (projected.isPresent()) {
            draft = Draft.of(FindingKind.COLLATION, FindingSeverity.WARNING, location,
                    "%s; today's values stay distinct that way, values written before cutover may not", what).rows(0);
        } else {
            draft = Draft.of(FindingKind.COLLATION, FindingSeverity.WARNING, location,
                    "%s, which the source does not; the data was not measured", what);
        }
        return draft.fix("use a binary or case-sensitive _nopad collation for the key, fold the values with a rule "
                        + "(e.g. .transform(lowerCase())) and remove the repeats, or filter them out by name")
                .source(site.source()).scope(List.of(site.mapping()), key.columns().toArray(String[]::new));
    }

    /**
     * The source's primary key, unique key or unique index over some of {@code columns}: it keeps their
     * non-NULL values unique under the source's collation (nullable columns included, unlike
     * {@link dev.migrationstudio.review.ProfileRequest#guaranteeOf}, which asks for every row).
     */
    private static Optional<String> enforcedBy(TableInfo source, List<String> columns) {
        List<KeyInfo> keys = new ArrayList<>(ReviewContext.targetKeys(source));
        source.indexes().stream().filter(IndexInfo::unique)
                .forEach(i -> keys.add(new KeyInfo(i.name(), i.columns())));
        return keys.stream().filter(k -> columns.containsAll(k.columns())).map(KeyInfo::name).findFirst();
    }

    /** Whether {@code a} merges values that {@code b} keeps apart (no encoding: exact comparison). */
    private static boolean folds(Optional<TextEncoding> a, Optional<TextEncoding> b) {
        if (a.isEmpty()) {
            return false;
        }
        boolean caseA = a.get().caseInsensitive();
        boolean spaceA = a.get().ignoresTrailingSpaces();
        boolean caseB = b.map(TextEncoding::caseInsensitive).orElse(false);
        boolean spaceB = b.map(TextEncoding::ignoresTrailingSpaces).orElse(false);
        return caseA && !caseB || spaceA && !spaceB;
    }
}
