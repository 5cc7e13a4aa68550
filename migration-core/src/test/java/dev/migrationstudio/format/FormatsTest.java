package dev.migrationstudio.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void timesAreUtcToTheMillisecond() {
        assertThat(Formats.time(Instant.parse("2026-11-30T08:00:00.123456789Z"))).isEqualTo("2026-11-30T08:00:00.123Z");
        assertThat(Formats.time(Instant.parse("2026-11-30T08:00:00Z"))).isEqualTo("2026-11-30T08:00:00.000Z");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(Formats.duration(Duration.ofNanos(22_734_567))).isEqualTo("22 ms");
        assertThat(Formats.duration(Duration.ofMillis(5_740))).isEqualTo("5.7 s");
        assertThat(Formats.duration(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(Formats.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Formats.duration(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
    }

    @Test
    void pluralsAgreeWithTheirCount() {
        assertThat(Formats.plural(1, "go/no-go gate")).isEqualTo("1 go/no-go gate");
        assertThat(Formats.plural(0, "gate")).isEqualTo("0 gates");
        assertThat(Formats.plural(2, "changed row")).isEqualTo("2 changed rows");
        assertThat(Formats.plural(15_607, "row")).isEqualTo("15,607 rows");
        assertThat(Formats.plural(3, "entry", "entries")).isEqualTo("3 entries");
    }

    @Test
    void countsAndBytesUseOneLocale() {
        assertThat(Formats.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
    }
}
