package dev.migrationstudio.internal;

import dev.migrationstudio.InvalidPlanException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation problems so that a {@code build()} reports all of them at once.
 * Not thread-safe; one instance per validation.
 */
public final class Problems {
    private final String subject;
    private final List<String> problems = new ArrayList<>();

    /** @param subject what is being validated, e.g. {@code "Runbook 'v2 cutover'"} */
    public Problems(String subject) {
        this.subject = subject;
    }

    /** Records a problem; {@code format} uses {@link String#format} placeholders. */
    public void add(String format, Object... args) {
        problems.add(args.length == 0 ? format : String.format(format, args));
    }

    /** Records a problem when {@code condition} holds. */
    public void addIf(boolean condition, String format, Object... args) {
        if (condition) {
            add(format, args);
        }
    }

    /** Records every problem of another collector. */
    public void addAll(List<String> others) {
        problems.addAll(others);
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems recorded so far. */
    public List<String> list() {
        return List.copyOf(problems);
    }

    /** Throws {@link InvalidPlanException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(subject, problems);
        }
    }
}
