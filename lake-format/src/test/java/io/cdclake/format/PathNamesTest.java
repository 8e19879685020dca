package io.cdclake.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PathNamesTest {

    @Test
    void escapesWhatWouldChangeAPath() {
        assertThat(PathNames.escape("customers")).isEqualTo("customers");
        assertThat(PathNames.escape("a/b=c")).isEqualTo("a%2Fb%3Dc");
        assertThat(PathNames.escape("50%")).isEqualTo("50%25");
        assertThat(PathNames.escape("Mixed Case")).isEqualTo("Mixed Case");
        assertThat(PathNames.escape("..")).isEqualTo("%2E%2E");
    }

    @Test
    void unescapeReversesEscape() {
        assertThat(PathNames.unescape(PathNames.escape("a/b=c 50% \"q\"")))
                .isEqualTo("a/b=c 50% \"q\"");
        assertThat(PathNames.unescape("100%")).isEqualTo("100%");
        assertThat(PathNames.unescape("%zz%2F")).isEqualTo("%zz/");
    }

    @Test
    void dayIsTheUtcDayOfTheInstant() {
        long justBeforeMidnightUtc = Instant.parse("2026-11-24T23:59:59.999Z").toEpochMilli();
        assertThat(PathNames.utcDay(justBeforeMidnightUtc)).isEqualTo("2026-11-24");
        assertThat(PathNames.utcDay(justBeforeMidnightUtc + 1)).isEqualTo("2026-11-25");
        assertThat(PathNames.utcDay(-1)).isEqualTo("1969-12-31");
        assertThat(PathNames.utcDayOfEpochDay(PathNames.epochDay(justBeforeMidnightUtc)))
                .isEqualTo("2026-11-24");
    }
}
