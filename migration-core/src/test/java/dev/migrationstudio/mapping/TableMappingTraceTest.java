package dev.migrationstudio.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableMappingTraceTest {

    private static final TableMapping MAPPING = MappingSpec.builder("s")
            .table("item", t -> t.key("id")
                    .field("code").cast("VARCHAR(3)")
                    .field("qty").cast("INTEGER")
                    .derive("label", List.of("code"), row -> "#" + row.string("code"))
                    .filter("no drafts", List.of("state"), row -> !row.string("state").equals("draft")))
            .build().table("item").orElseThrow();

    private static final RowLayout SOURCE = RowLayout.of("id", "code", "qty", "state");

    /** Every call, as one line, in order. */
    private static final class Recorder implements RowObserver {
        final List<String> calls = new ArrayList<>();

        @Override
        public void filtered(String filter) {
            calls.add("filtered " + filter);
        }

        @Override
        public void filterFailed(String filter, String reason) {
            calls.add("filter failed " + filter + ": " + reason);
        }

        @Override
        public void produced(int field, Object value) {
            calls.add(MAPPING.fields().get(field).target() + " = " + value);
        }

        @Override
        public void rejected(int field, String rule, Object input, String reason) {
            calls.add(MAPPING.fields().get(field).target() + " rejected by " + rule + " on " + input);
        }
    }

    private static List<String> trace(Row row) {
        Recorder recorder = new Recorder();
        RowResult traced = MAPPING.trace(row, recorder);
        assertThat(traced).as("trace returns what apply returns").isEqualTo(MAPPING.apply(row));
        return recorder.calls;
    }

    @Test
    void reportsEveryFieldOfARowThatLoads() {
        assertThat(trace(SOURCE.row(1, "ab", "7", "open")))
                .containsExactly("id = 1", "code = ab", "qty = 7", "label = #ab");
    }

    @Test
    void keepsEvaluatingTheOtherFieldsAfterARejection() {
        Row row = SOURCE.row(null, "abcd", "x", "open");

        assertThat(trace(row)).containsExactly("id rejected by key on null", "code rejected by cast to VARCHAR(3) on abcd",
                "qty rejected by cast to INTEGER on x", "label = #abcd");
        assertThat(MAPPING.apply(row)).isEqualTo(new RowResult.Rejected("id", "key",
                "key column id is NULL; a row without a key cannot be tracked", RowResult.Cause.NULL_KEY,
                Optional.empty()));
    }

    @Test
    void reportsTheFilterOutcomeAndNoField() {
        assertThat(trace(SOURCE.row(1, "ab", "7", "draft"))).containsExactly("filtered no drafts");
        assertThat(trace(SOURCE.row(1, "ab", "7", null))).singleElement().asString()
                .startsWith("filter failed no drafts: NullPointerException");
    }

    @Test
    void tellsARuleWhoseCodeThrowsFromAValueThatDoesNotFit() {
        RowResult.Rejected thrown = (RowResult.Rejected) MAPPING.apply(SOURCE.row(1, "ab", "7", null));
        RowResult.Rejected refused = (RowResult.Rejected) MAPPING.apply(SOURCE.row(1, "abcd", "7", "open"));
        RowResult.Rejected nullKey = (RowResult.Rejected) MAPPING.apply(SOURCE.row(null, "ab", "7", "open"));

        assertThat(thrown.cause()).isEqualTo(RowResult.Cause.RULE_FAILED);
        assertThat(thrown.ruleFailed()).isTrue();
        assertThat(thrown.error()).containsInstanceOf(NullPointerException.class);
        assertThat(refused.cause()).isEqualTo(RowResult.Cause.VALUE);
        assertThat(refused.error()).isEmpty();
        assertThat(nullKey.cause()).isEqualTo(RowResult.Cause.NULL_KEY);
    }

    @Test
    void skipsFieldsReadingAColumnTheRowLacksButNotFilters() {
        Recorder recorder = new Recorder();
        MAPPING.trace(RowLayout.of("id", "qty", "state").row(1, "7", "open"), recorder);

        assertThat(recorder.calls).containsExactly("id = 1", "qty = 7");
        assertThatThrownBy(() -> MAPPING.trace(RowLayout.of("id", "code", "qty").row(1, "a", "7"), recorder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'state'");
        assertThatThrownBy(() -> MAPPING.apply(RowLayout.of("id", "qty", "state").row(1, "7", "open")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source row of item -> item has no column 'code'; its columns are [id, qty, state]");
    }

    @Test
    void aPlainCopyIsTracedLikeAnyMapping() {
        TableMapping copy = MappingSpec.builder("s").table("t", t -> t.key("id").field("name").to("title"))
                .build().table("t").orElseThrow();
        List<Object> produced = new ArrayList<>();
        Row row = RowLayout.of("id", "name").row(null, "x");

        RowResult result = copy.trace(row, new RowObserver() {
            @Override
            public void produced(int field, Object value) {
                produced.add(value);
            }
        });

        assertThat(result).isEqualTo(copy.apply(row)).isInstanceOf(RowResult.Rejected.class);
        assertThat(produced).containsExactly("x");
    }
}
