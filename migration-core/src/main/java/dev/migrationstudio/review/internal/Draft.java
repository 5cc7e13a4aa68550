package dev.migrationstudio.review.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.inventory.TableId;
import dev.migrationstudio.inventory.TableInfo;
import dev.migrationstudio.mapping.FindingKind;
import dev.migrationstudio.mapping.TableMapping;
import dev.migrationstudio.review.Finding;
import dev.migrationstudio.review.FindingSeverity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A finding as a rule reports it, before acknowledgements: the finding's parts, and what an
 * acknowledgement may match it by. Immutable; each {@code with}-style method returns a copy.
 *
 * @param kind what it is about
 * @param severity how much it matters
 * @param location where
 * @param message what was found
 * @param fix the suggested change
 * @param rows the rows measured to be affected, when measured
 * @param sourceTable the source table concerned, when there is one
 * @param scope the table mappings whose acknowledgements may accept it
 * @param subjects the names (columns, tables) those acknowledgements may name
 * @param specSubjects what an acknowledgement on the whole spec may name (a table, a view, an artifact)
 * @param parts for a finding that gathers several (a consumer reading several changed columns): the
 *     gathered ones; the finding is accepted when each part is, or when it is accepted as a whole
 */
record Draft(FindingKind kind, FindingSeverity severity, String location, String message, String fix,
                    OptionalLong rows, Optional<TableId> sourceTable, List<TableMapping> scope, Set<String> subjects,
                    List<TableId> specSubjects, List<Draft> parts) {

    /** Validates and copies the parts. */
    public Draft {
        checkNotNull(kind, "kind");
        checkNotNull(severity, "severity");
        scope = List.copyOf(scope);
        subjects = Set.copyOf(subjects);
        specSubjects = List.copyOf(specSubjects);
        parts = List.copyOf(parts);
    }

    /** A draft with a message formatted from {@code format} and {@code args}. */
    static Draft of(FindingKind kind, FindingSeverity severity, String location, String format, Object... args) {
        return new Draft(kind, severity, location, String.format(Locale.ROOT, format, args), "", OptionalLong.empty(),
                Optional.empty(), List.of(), Set.of(), List.of(), List.of());
    }

    Draft fix(String format, Object... args) {
        return new Draft(kind, severity, location, message, String.format(Locale.ROOT, format, args), rows,
                sourceTable, scope, subjects, specSubjects, parts);
    }

    Draft rows(long count) {
        return rows(OptionalLong.of(count));
    }

    Draft rows(OptionalLong count) {
        return new Draft(kind, severity, location, message, fix, count, sourceTable, scope, subjects, specSubjects,
                parts);
    }

    Draft source(TableInfo table) {
        return new Draft(kind, severity, location, message, fix, rows, Optional.of(table.id()), scope, subjects,
                specSubjects, parts);
    }

    /** Acknowledgements of these mappings naming one of {@code names} (nulls ignored) accept it. */
    Draft scope(List<TableMapping> mappings, String... names) {
        List<TableMapping> moreScope = new ArrayList<>(scope);
        moreScope.addAll(mappings);
        Set<String> moreSubjects = new LinkedHashSet<>(subjects);
        for (String name : names) {
            if (name != null) {
                moreSubjects.add(name);
            }
        }
        return new Draft(kind, severity, location, message, fix, rows, sourceTable, moreScope, moreSubjects,
                specSubjects, parts);
    }

    /** Acknowledgements on the whole spec naming {@code subject} accept it. */
    Draft specSubject(TableId subject) {
        List<TableId> more = new ArrayList<>(specSubjects);
        more.add(subject);
        return new Draft(kind, severity, location, message, fix, rows, sourceTable, scope, subjects, more, parts);
    }

    /** This draft gathering {@code gathered}. */
    Draft parts(List<Draft> gathered) {
        return new Draft(kind, severity, location, message, fix, rows, sourceTable, scope, subjects, specSubjects,
                gathered);
    }

    /** The finding, acknowledged with {@code acknowledgement} when present. */
    Finding toFinding(Optional<String> acknowledgement) {
        return new Finding(kind, severity, location, message, fix, rows, sourceTable, acknowledgement);
    }
}
