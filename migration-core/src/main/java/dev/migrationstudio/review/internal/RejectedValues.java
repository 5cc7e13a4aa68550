package dev.migrationstudio.review.internal;

import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.FieldProfile;
import dev.migrationstudio.review.FindingSeverity;
import dev.migrationstudio.review.MappingProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link FindingKind#VALUES_REJECTED}: rows a field's rules (or a NULL key) or a failing filter would
 * send to quarantine, as {@link TableMapping#trace} counted them on the data.
 */
final class RejectedValues implements ReviewRule {

    @Override
    public List<Draft> check(ReviewContext context) {
        List<Draft> drafts = new ArrayList<>();
        for (ReviewContext.Site site : context.sites()) {
            TableMapping mapping = site.mapping();
            for (ReviewContext.Field f : site.fields()) {
                if (!f.readable() || f.profile().isEmpty() || f.profile().get().rejected() == 0) {
                    continue;
                }
                FieldProfile p = f.profile().get();
                String byRule = p.rejectedByRule().entrySet().stream()
                        .map(e -> Texts.count(e.getValue()) + " by '" + e.getKey() + "'")
                        .collect(Collectors.joining(", "));
                String example = p.rejections().isEmpty() ? "" : "; e.g. " + p.rejections().get(0).describe();
                drafts.add(Draft.of(FindingKind.VALUES_REJECTED, FindingSeverity.BLOCKER, f.location(),
                        "%s of %s rows would be rejected and quarantined (%s)%s", Texts.count(p.rejected()),
                        Texts.count(p.rows()), byRule, example)
                        .fix("fix the source values, keep those rows out with a named filter, or acknowledge that "
                                + "they are quarantined")
                        .rows(p.rejected()).source(site.source())
                        .scope(List.of(mapping), f.field().target(), f.field().source().orElse(null)));
            }
            if (site.profile().isEmpty()) {
                continue;
            }
            MappingProfile mp = site.profile().get();
            mp.filterFailures().forEach((filter, rows) -> drafts.add(Draft.of(FindingKind.VALUES_REJECTED,
                    FindingSeverity.BLOCKER, mapping.source() + " (filter '" + filter + "')",
                    "filter '%s' fails on %s of %s rows, which would be quarantined", filter, Texts.count(rows),
                    Texts.count(mp.rows()))
                    .fix("make the filter handle every value it reads (NULLs included)")
                    .rows(rows).source(site.source()).scope(List.of(mapping), filter)));
        }
        return drafts;
    }
}
