package dev.migrationstudio.cli;

/**
 * The command line's exit codes, for a CI job to gate on.
 *
 * <pre>{@code
 * java -jar migration-cli-<version>-all.jar verify --plan com.acme.ShopPlan --plan-jar shop-plan.jar ...
 * case $? in 0) echo verified;; 1) echo "differences: see the evidence pack";; 2) echo NO_GO;; *) exit 1;; esac
 * }</pre>
 */
public enum ExitStatus {
    /** 0: done as asked; {@code verify}: no difference; {@code rehearse}: GO; {@code cutover}: completed. */
    OK(0),
    /** 1: {@code verify} found differences, or {@code migrate} quarantined rows or is unbalanced. */
    DIFFERENCES(1),
    /** 2: {@code rehearse} said NO_GO, or {@code cutover} stopped at a NO_GO or a failure and rolled back. */
    NO_GO(2),
    /** 3: an error: a database, the plan class, a step after the point of no return, a failed rollback. */
    ERROR(3),
    /** 4: the command line itself is wrong (an unknown option, a missing one). */
    USAGE(4);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    /**
     * The process exit code.
     *
     * @return the code the process exits with, from 0 ({@link #OK}) to 4 ({@link #USAGE})
     */
    public int code() {
        return code;
    }
}
