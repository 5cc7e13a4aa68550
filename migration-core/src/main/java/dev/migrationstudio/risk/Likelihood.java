package dev.migrationstudio.risk;

/** How likely a risk is to happen. The weight multiplies with {@link Severity#weight()} into a score. */
public enum Likelihood {
    /** Would take an unusual combination of events. */
    RARE(1),
    /** Could happen, has not been seen. */
    UNLIKELY(2),
    /** Has happened in similar migrations. */
    POSSIBLE(3),
    /** Expected unless mitigated. */
    LIKELY(4),
    /** Will happen unless mitigated. */
    ALMOST_CERTAIN(5);

    private final int weight;

    Likelihood(int weight) {
        this.weight = weight;
    }

    /**
     * 1 (RARE) to 5 (ALMOST_CERTAIN).
     *
     * @return the weight
     */
    public int weight() {
        return weight;
    }
}
