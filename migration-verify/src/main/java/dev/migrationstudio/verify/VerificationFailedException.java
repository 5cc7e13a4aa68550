package dev.migrationstudio.verify;

import dev.migrationstudio.MigrationException;

/** Thrown by {@link VerificationReport#assertPassed()}; the message summarises every failure. */
public final class VerificationFailedException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final transient VerificationReport report;

    VerificationFailedException(VerificationReport report) {
        super(report.summary());
        this.report = report;
    }

    /**
     * The failed report.
     *
     * @return the report, which did not pass
     */
    public VerificationReport report() {
        return report;
    }
}
