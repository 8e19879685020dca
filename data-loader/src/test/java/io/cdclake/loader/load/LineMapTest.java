package io.cdclake.loader.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineMapTest {

    @Test
    void mapsRecordNumbersToFileLinesAcrossMultiLineRecordsAndSkippedRows() {
        LineMap map = new LineMap();
        map.record(1, 2);
        map.record(2, 3);
        map.record(3, 6);
        map.record(4, 7);
        map.record(5, 9);

        assertThat(map.fileLine(1)).isEqualTo(2);
        assertThat(map.fileLine(2)).isEqualTo(3);
        assertThat(map.fileLine(3)).isEqualTo(6);
        assertThat(map.fileLine(4)).isEqualTo(7);
        assertThat(map.fileLine(5)).isEqualTo(9);
        assertThat(map.fileLine(0)).isEqualTo(-1);
    }

    @Test
    void aMillionPlainRowsNeedOneEntry() {
        LineMap map = new LineMap();
        for (long record = 1; record <= 1_000_000; record++) {
            map.record(record, record + 1);
        }
        assertThat(map.fileLine(999_999)).isEqualTo(1_000_000);
    }
}
