package dev.migrationstudio.inventory;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.migrationstudio.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Something outside the database that a migration affects: a service, a job, an integration or a
 * piece of configuration, with its owner and what it reads, writes and depends on.
 *
 * <pre>{@code
 * Artifact.service("billing-api").owner("payments").reads("invoice", "invoice_line.unit_price")
 * }</pre>
 *
 * @param kind what sort of artifact this is
 * @param name its unique name in the inventory
 * @param owner the accountable team or person, when declared
 * @param description free text
 * @param reads tables and columns it reads
 * @param writes tables and columns it writes
 * @param dependsOn names of other artifacts it depends on
 */
public record Artifact(ArtifactKind kind, String name, Optional<String> owner, String description,
                       List<Reference> reads, List<Reference> writes, List<String> dependsOn) {

    /**
     * Validates the parts.
     *
     * @param kind what sort of artifact this is
     * @param name its unique name in the inventory
     * @param owner the accountable team or person, when declared
     * @param description free text
     * @param reads tables and columns it reads
     * @param writes tables and columns it writes
     * @param dependsOn names of other artifacts it depends on
     */
    public Artifact {
        checkNotNull(kind, "kind");
        Names.requireName(name, "artifact name");
        checkNotNull(owner, "owner of %s", name);
        checkNotNull(description, "description of %s", name);
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        dependsOn = Names.requireNames(dependsOn, "artifact dependency");
    }

    /**
     * Starts describing a service.
     *
     * @param name the service's name, unique in the inventory
     * @return a builder
     */
    public static Builder service(String name) {
        return new Builder(ArtifactKind.SERVICE, name);
    }

    /**
     * Starts describing a job.
     *
     * @param name the job's name, unique in the inventory
     * @return a builder
     */
    public static Builder job(String name) {
        return new Builder(ArtifactKind.JOB, name);
    }

    /**
     * Starts describing an integration.
     *
     * @param name the integration's name, unique in the inventory
     * @return a builder
     */
    public static Builder integration(String name) {
        return new Builder(ArtifactKind.INTEGRATION, name);
    }

    /**
     * Starts describing a piece of configuration.
     *
     * @param name the configuration's name, unique in the inventory
     * @return a builder
     */
    public static Builder configuration(String name) {
        return new Builder(ArtifactKind.CONFIGURATION, name);
    }

    /**
     * Starts describing a replication slot (as the inventory finds them on PostgreSQL sources).
     *
     * @param name the slot's name
     * @return a builder
     */
    public static Builder replicationSlot(String name) {
        return new Builder(ArtifactKind.REPLICATION_SLOT, name);
    }

    /**
     * Every table or column this artifact reads or writes.
     *
     * @return the reads, then the writes
     */
    public List<Reference> touches() {
        List<Reference> all = new ArrayList<>(reads);
        all.addAll(writes);
        return List.copyOf(all);
    }

    /** Builds an {@link Artifact}. */
    public static final class Builder {
        private final ArtifactKind kind;
        private final String name;
        private String owner;
        private String description = "";
        private final List<Reference> reads = new ArrayList<>();
        private final List<Reference> writes = new ArrayList<>();
        private final List<String> dependsOn = new ArrayList<>();

        private Builder(ArtifactKind kind, String name) {
            this.kind = kind;
            this.name = Names.requireName(name, "artifact name");
        }

        /**
         * The accountable team or person.
         *
         * @param owner the owner; not blank
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = Names.requireName(owner, "owner");
            return this;
        }

        /**
         * Free text.
         *
         * @param description the description; not null
         * @return this builder
         */
        public Builder description(String description) {
            this.description = checkNotNull(description, "description");
            return this;
        }

        /**
         * Tables ({@code "invoice"}) or columns ({@code "invoice.total"}) it reads.
         *
         * @param references the references; at least one, none blank
         * @return this builder
         */
        public Builder reads(String... references) {
            for (String reference : Names.requireNames(references, "reference")) {
                reads.add(Reference.parse(reference));
            }
            return this;
        }

        /**
         * Tables ({@code "invoice"}) or columns ({@code "invoice.total"}) it writes.
         *
         * @param references the references; at least one, none blank
         * @return this builder
         */
        public Builder writes(String... references) {
            for (String reference : Names.requireNames(references, "reference")) {
                writes.add(Reference.parse(reference));
            }
            return this;
        }

        /**
         * Other artifacts (by name) it depends on.
         *
         * @param artifacts the artifacts' names; at least one, none blank
         * @return this builder
         */
        public Builder dependsOn(String... artifacts) {
            dependsOn.addAll(Names.requireNames(artifacts, "artifact"));
            return this;
        }

        /**
         * Returns the artifact.
         *
         * @return the artifact
         */
        public Artifact build() {
            return new Artifact(kind, name, Optional.ofNullable(owner), description, reads, writes, dependsOn);
        }
    }
}
