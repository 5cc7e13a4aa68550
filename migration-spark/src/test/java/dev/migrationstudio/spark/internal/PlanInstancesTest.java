package dev.migrationstudio.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationstudio.mapping.MappingSpec;
import dev.migrationstudio.spark.SparkPlan;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** How an executor gets its plan from the class the driver names. */
class PlanInstancesTest {

    /** A plan without databases: its spec is all these tests need. */
    public static final class SpecOnly implements SparkPlan {
        @Override
        public MappingSpec spec() {
            return MappingSpec.builder("spec-only").table("a", t -> t.key("id").field("name")).build();
        }

        @Override
        public DataSource source() {
            return new org.h2.jdbcx.JdbcDataSource();
        }

        @Override
        public DataSource target() {
            return new org.h2.jdbcx.JdbcDataSource();
        }
    }

    /** Not instantiable by name: no public no-argument constructor. */
    public static final class NeedsArguments implements SparkPlan {
        public NeedsArguments(String ignored) {
        }

        @Override
        public MappingSpec spec() {
            throw new AssertionError();
        }

        @Override
        public DataSource source() {
            throw new AssertionError();
        }

        @Override
        public DataSource target() {
            throw new AssertionError();
        }
    }

    @Test
    void anExecutorWhoseSpecDiffersFromTheDriversRefusesToWork() {
        String fingerprint = new SpecOnly().spec().fingerprint();

        assertThat(PlanInstances.forRun(SpecOnly.class.getName(), "run-1", fingerprint).spec().fingerprint())
                .isEqualTo(fingerprint);
        assertThatThrownBy(() -> PlanInstances.forRun(SpecOnly.class.getName(), "run-2", "0".repeat(64)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spec 'spec-only'").hasMessageContaining("driver's has 000000000000")
                .hasMessageContaining(fingerprint.substring(0, 12));
    }

    @Test
    void aPlanClassWithoutANoArgumentConstructorIsRefusedByName() {
        assertThatThrownBy(() -> PlanInstances.create(NeedsArguments.class.getName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a public no-argument constructor");
        assertThatThrownBy(() -> PlanInstances.create("com.example.Missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not on the classpath");
    }
}
