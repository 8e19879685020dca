package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The demo's pure parts, without a stack. */
class DemoCommandTest {

    @Test
    void aStatusLineShowsTheSecondsEvenWhenTheyAreZero() {
        assertThat(DemoCommand.clock(LocalTime.of(14, 11))).isEqualTo("14:11:00");
        assertThat(DemoCommand.clock(LocalTime.of(9, 5, 7, 123_000_000))).isEqualTo("09:05:07");
    }
}
