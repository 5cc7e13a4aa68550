package dev.migrationstudio.report;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the index of an evidence pack asks its approvers to sign: who approves, on which date, for
 * which environment, the spec fingerprint the evidence is about and the verification verdict.
 * What is not known when the pack is written is left as a blank line to fill in by hand.
 *
 * <pre>{@code
 * pack.signOff(pack.signOff().environment("production").approver("DBA lead").approver("Product owner"))
 * }</pre>
 *
 * @param approvers the roles or names that approve, in order
 * @param date the date of the approval
 * @param environment the environment the approval is for, e.g. {@code production}
 * @param specFingerprint the fingerprint of the mapping spec the evidence is about
 * @param verificationVerdict the verification's verdict, e.g. {@code PASSED}
 */
public record SignOff(List<String> approvers, Optional<LocalDate> date, Optional<String> environment,
                      Optional<String> specFingerprint, Optional<String> verificationVerdict) {

    /**
     * Copies the approvers.
     *
     * @param approvers the roles or names that approve, in order
     * @param date the date of the approval
     * @param environment the environment the approval is for, e.g. {@code production}
     * @param specFingerprint the fingerprint of the mapping spec the evidence is about
     * @param verificationVerdict the verification's verdict, e.g. {@code PASSED}
     */
    public SignOff {
        approvers = List.copyOf(approvers);
        checkNotNull(date, "date");
        checkNotNull(environment, "environment");
        checkNotNull(specFingerprint, "specFingerprint");
        checkNotNull(verificationVerdict, "verificationVerdict");
    }

    /**
     * Nothing known yet: every line blank.
     *
     * @return the blank sign-off
     */
    public static SignOff blank() {
        return new SignOff(List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * This sign-off with one more approver (a role or a name).
     *
     * @param roleOrName the approver; not blank
     * @return a new sign-off
     */
    public SignOff approver(String roleOrName) {
        List<String> next = new ArrayList<>(approvers);
        next.add(Names.requireName(roleOrName, "approver"));
        return new SignOff(next, date, environment, specFingerprint, verificationVerdict);
    }

    /**
     * This sign-off for a date.
     *
     * @param value the date; not null
     * @return a new sign-off
     */
    public SignOff date(LocalDate value) {
        return new SignOff(approvers, Optional.of(checkNotNull(value, "date")), environment, specFingerprint,
                verificationVerdict);
    }

    /**
     * This sign-off for an environment.
     *
     * @param value the environment, e.g. {@code production}; not blank
     * @return a new sign-off
     */
    public SignOff environment(String value) {
        return new SignOff(approvers, date, Optional.of(Names.requireName(value, "environment")), specFingerprint,
                verificationVerdict);
    }

    /**
     * This sign-off about a spec fingerprint.
     *
     * @param value the fingerprint; not blank
     * @return a new sign-off
     */
    public SignOff specFingerprint(String value) {
        return new SignOff(approvers, date, environment, Optional.of(Names.requireName(value, "spec fingerprint")),
                verificationVerdict);
    }

    /**
     * This sign-off with a verification verdict.
     *
     * @param value the verdict, e.g. {@code PASSED}; not blank
     * @return a new sign-off
     */
    public SignOff verificationVerdict(String value) {
        return new SignOff(approvers, date, environment, specFingerprint,
                Optional.of(Names.requireName(value, "verification verdict")));
    }

    /**
     * This sign-off with what {@code other} knows and this one does not (approvers of both, in order).
     *
     * @param other the other sign-off; not null
     * @return a new sign-off; this one's values win where both know one
     */
    public SignOff merge(SignOff other) {
        checkNotNull(other, "other");
        List<String> all = new ArrayList<>(approvers);
        other.approvers.stream().filter(a -> !all.contains(a)).forEach(all::add);
        return new SignOff(all, date.or(other::date), environment.or(other::environment),
                specFingerprint.or(other::specFingerprint), verificationVerdict.or(other::verificationVerdict));
    }
}
