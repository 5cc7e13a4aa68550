package dev.migrationstudio.risk;

/** How bad it is if a risk happens. The weight multiplies with {@link Likelihood#weight()} into a score. */
public enum Severity {
    /** Cosmetic or easily repaired. */
    LOW(1),
    /** Repairable, with effort or a short outage. */
    MEDIUM(2),
    /** Data loss or a long outage that can be recovered from. */
    HIGH(3),
    /** Unrecoverable data loss or an outage beyond what the business accepts. */
    CRITICAL(4);

    private final int weight;

    Severity(int weight) {
        this.weight = weight;
    }

    /**
     * 1 (LOW) to 4 (CRITICAL).
     *
     * @return the weight
     */
    public int weight() {
        return weight;
    }
}
