package dev.migrationstudio;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Argument checks for the names given to builders (tables, columns, schemas, rules), shared by the
 * builders of every module so that a blank or missing name fails the same way everywhere, naming
 * what was expected: {@code Names.requireName(schema, "target schema")} throws
 * {@code IllegalArgumentException: target schema must not be blank}.
 */
public final class Names {
    private Names() {
    }

    /**
     * Checks that {@code value} is a non-blank name; {@code what} names it in the message.
     *
     * @param value the name to check
     * @param what what the name is, e.g. {@code "schema"}, for the message
     * @return {@code value}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public static String requireName(String value, String what) {
        checkNotNull(value, "%s must not be null", what);
        checkArgument(!value.isBlank(), "%s must not be blank", what);
        return value;
    }

    /**
     * Checks that every element is a non-blank name and returns an immutable copy.
     *
     * @param values the names to check; not null
     * @param what what the names are, for the message
     * @return an immutable copy of {@code values}; empty when {@code values} is
     */
    public static List<String> requireNames(List<String> values, String what) {
        checkNotNull(values, "%s must not be null", what);
        for (String value : values) {
            requireName(value, what);
        }
        return List.copyOf(values);
    }

    /**
     * Checks varargs names: at least one, none blank.
     *
     * @param values the names to check; not null
     * @param what what the names are, for the message
     * @return an immutable list of the names, in order
     * @throws IllegalArgumentException if there is none or one is blank
     */
    public static List<String> requireNames(String[] values, String what) {
        checkNotNull(values, "%s must not be null", what);
        checkArgument(values.length > 0, "at least one %s is required", what);
        return requireNames(List.of(values), what);
    }

    /**
     * The names among {@code candidates} that {@code wanted} was probably meant to be, best first:
     * the same name in another case ({@code LEGACY} for {@code legacy}), then names a few edits away
     * ({@code customers}, {@code custmer}), compared without regard to case. For "does not exist"
     * errors: {@code "schema legacy does not exist" + Names.nearMissHint("legacy", schemas)}.
     *
     * @param wanted the name as the user wrote it; not null
     * @param candidates the names that exist; not null
     * @return at most five names; empty when nothing is close
     */
    public static List<String> nearMisses(String wanted, Collection<String> candidates) {
        checkNotNull(wanted, "wanted");
        checkNotNull(candidates, "candidates");
        String folded = wanted.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, folded.length() / 3));
        Map<String, Integer> distances = new LinkedHashMap<>();
        for (String candidate : candidates) {
            if (candidate == null || candidate.equals(wanted)) {
                continue;
            }
            int distance = distance(folded, candidate.toLowerCase(Locale.ROOT), allowed);
            if (distance <= allowed) {
                distances.merge(candidate, distance, Math::min);
            }
        }
        return distances.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(5).map(Map.Entry::getKey)
                .toList();
    }

    /**
     * {@code "; did you mean LEGACY?"} (or several, comma-separated) for the {@link #nearMisses} of
     * {@code wanted}, or the empty string when nothing is close.
     *
     * @param wanted the name as the user wrote it; not null
     * @param candidates the names that exist; not null
     * @return the hint, to append to an error message
     */
    public static String nearMissHint(String wanted, Collection<String> candidates) {
        List<String> near = nearMisses(wanted, candidates);
        return near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?";
    }

    /**
     * Edit distance counting a swap of neighbours as one edit ({@code emial} is one from {@code email}),
     * giving up (returning {@code limit + 1}) once it must exceed {@code limit}.
     */
    private static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            d[i][0] = i;
            int best = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                best = Math.min(best, d[i][j]);
            }
            if (best > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
