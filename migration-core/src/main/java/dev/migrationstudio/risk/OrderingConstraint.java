package dev.migrationstudio.risk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;

/**
 * "{@code first} must migrate before {@code then}", and why.
 *
 * @param first what must go first (a table or artifact name)
 * @param then what must follow
 * @param reason why, e.g. the foreign key that requires it
 */
public record OrderingConstraint(String first, String then, String reason) {

    /**
     * Validates the parts.
     *
     * @param first what must go first (a table or artifact name)
     * @param then what must follow
     * @param reason why, e.g. the foreign key that requires it
     */
    public OrderingConstraint {
        Names.requireName(first, "first");
        Names.requireName(then, "then");
        checkNotNull(reason, "reason");
        checkArgument(!first.equals(then), "'%s' cannot be ordered before itself", first);
    }

    @Override
    public String toString() {
        return first + " before " + then + (reason.isBlank() ? "" : " (" + reason + ")");
    }
}
