package dev.migrationstudio;

import java.util.List;

/**
 * Thrown by a {@code build()} method when what the caller described cannot be a valid plan: a field
 * mapped twice, a drop without a reason, two points of no return, and so on.
 *
 * <p>Every problem found is listed, each naming the exact place (table, field, step), so that one
 * run of a test shows everything to fix rather than one problem at a time.
 */
public final class InvalidPlanException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param subject what was being built, e.g. {@code "Mapping spec 'chinook-to-v2'"}
     * @param problems the problems found; not empty
     */
    public InvalidPlanException(String subject, List<String> problems) {
        super(message(subject, problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found, in the order they were detected; never empty.
     *
     * @return the problems, unmodifiable, each one sentence naming what is wrong
     */
    public List<String> problems() {
        return problems;
    }

    private static String message(String subject, List<String> problems) {
        StringBuilder text = new StringBuilder(subject).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
