package dev.migrationstudio.review.internal;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.mapping.Acknowledgement;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Matches the spec's acknowledgements to the rules' drafts, once, for every rule; reports the
 * acknowledgements that match nothing ({@link FindingKind#UNUSED_ACKNOWLEDGEMENT}).
 */
final class Acknowledging {
    private final MappingSpec spec;
    private final Set<Acknowledgement> used = new LinkedHashSet<>();

    private Acknowledging(MappingSpec spec) {
        this.spec = spec;
    }

    /** The findings of {@code drafts}, acknowledged where the spec says so, then the unused acknowledgements. */
    static List<Finding> findings(MappingSpec spec, List<Draft> drafts) {
        Acknowledging acknowledging = new Acknowledging(spec);
        List<Finding> findings = new ArrayList<>();
        for (Draft draft : drafts) {
            findings.add(acknowledging.finding(draft));
        }
        for (TableMapping mapping : spec.tables()) {
            for (Acknowledgement ack : mapping.acknowledgements()) {
                if (!acknowledging.used.contains(ack)) {
                    findings.add(unused(mapping.describe(), ack));
                }
            }
        }
        for (Acknowledgement ack : spec.acknowledgements()) {
            if (!acknowledging.used.contains(ack)) {
                findings.add(unused(ack.subject(), ack));
            }
        }
        return findings;
    }

    /**
     * The finding of a draft, accepted by its own acknowledgement, else, for a draft gathering parts,
     * by the acknowledgements of its parts when every part has one. When only some parts have one,
     * the finding stays open and its message says which parts are accepted and which are not.
     */
    private Finding finding(Draft draft) {
        Optional<Acknowledgement> own = match(draft);
        if (own.isPresent()) {
            used.add(own.get());
            return draft.toFinding(Optional.of(own.get().reason()));
        }
        if (draft.parts().isEmpty()) {
            return draft.toFinding(Optional.empty());
        }
        List<Optional<Acknowledgement>> parts = draft.parts().stream().map(this::match).toList();
        // A part's acknowledgement is in use even when other parts are not acknowledged yet.
        parts.forEach(p -> p.ifPresent(used::add));
        if (parts.stream().allMatch(Optional::isPresent)) {
            return draft.toFinding(Optional.of(parts.stream().map(p -> p.get().reason()).distinct()
                    .collect(Collectors.joining("; "))));
        }
        List<String> accepted = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String location = draft.parts().get(i).location();
            parts.get(i).ifPresentOrElse(a -> accepted.add(location + " (" + a.reason() + ")"), () -> open.add(location));
        }
        if (accepted.isEmpty()) {
            return draft.toFinding(Optional.empty());
        }
        return new Draft(draft.kind(), draft.severity(), draft.location(), draft.message() + ". Acknowledged: "
                + String.join(", ", accepted) + "; still open: " + String.join(", ", open), draft.fix(), draft.rows(),
                draft.sourceTable(), draft.scope(), draft.subjects(), draft.specSubjects(), draft.parts())
                .toFinding(Optional.empty());
    }

    private Optional<Acknowledgement> match(Draft draft) {
        for (TableMapping mapping : draft.scope()) {
            Optional<Acknowledgement> match = mapping.acknowledgements().stream()
                    .filter(a -> a.kind() == draft.kind() && draft.subjects().contains(a.subject())).findFirst();
            if (match.isPresent()) {
                return match;
            }
        }
        for (TableId subject : draft.specSubjects()) {
            Optional<Acknowledgement> match = spec.acknowledgements().stream().filter(a -> a.kind() == draft.kind()
                    && (subject.matches(TableId.of(a.subject())) || subject.toString().equals(a.subject())))
                    .findFirst();
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    private static Finding unused(String location, Acknowledgement ack) {
        return new Finding(FindingKind.UNUSED_ACKNOWLEDGEMENT, FindingSeverity.INFO, location,
                "the acknowledgement of " + ack.kind() + " on '" + ack.subject() + "' matches no finding",
                "remove it, or correct its column or kind", OptionalLong.empty(), Optional.empty(), Optional.empty());
    }
}
