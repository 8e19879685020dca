package io.cdclake.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeCountTest {

    private static final ChangeEvent.Kind INSERT_1 = new ChangeEvent.Kind("1", "c", "after");
    private static final ChangeEvent.Kind UPDATE_1_BEFORE =
            new ChangeEvent.Kind("1", "u", "before");
    private static final ChangeEvent.Kind UPDATE_1_AFTER = new ChangeEvent.Kind("1", "u", "after");
    private static final ChangeEvent.Kind TRUNCATE = new ChangeEvent.Kind(null, "t", null);

    private static final ChangeEvent INSERT = new ChangeEvent("1", "c", "after", 100, 7);
    private static final ChangeEvent BEFORE = new ChangeEvent("1", "u", "before", 200, 7);
    private static final ChangeEvent AFTER = new ChangeEvent("1", "u", "after", 200, 8);

    @Test
    void everyExpectedRowOnceIsNeitherLostNorDuplicated() {
        LakeCount count =
                LakeCount.of(
                        Map.of(INSERT_1, 1L, UPDATE_1_BEFORE, 1L, UPDATE_1_AFTER, 1L),
                        rows(INSERT, BEFORE, AFTER));

        assertThat(count).isEqualTo(new LakeCount(3, 0, 0, 0, 0));
    }

    @Test
    void aMissingImageIsLost() {
        LakeCount count =
                LakeCount.of(
                        Map.of(INSERT_1, 1L, UPDATE_1_BEFORE, 1L, UPDATE_1_AFTER, 1L),
                        rows(INSERT, AFTER));

        assertThat(count.lost()).isEqualTo(1);
        assertThat(count.duplicated()).isZero();
    }

    @Test
    void theSameEventTwiceIsOneDuplicateAndNotACoverForALoss() {
        ChangeEvent secondUpdate = new ChangeEvent("1", "u", "after", 300, 9);
        LakeCount count = LakeCount.of(Map.of(UPDATE_1_AFTER, 2L), rows(AFTER, AFTER, AFTER));

        assertThat(count.duplicated()).isEqualTo(2);
        assertThat(count.lost()).isEqualTo(1);
        assertThat(LakeCount.of(Map.of(UPDATE_1_AFTER, 2L), rows(AFTER, secondUpdate)).lost())
                .isZero();
    }

    @Test
    void twoChangesOfOneRowAtOneLsnWithOtherValuesAreTwoEvents() {
        ChangeEvent other = new ChangeEvent("1", "u", "after", 200, 99);
        LakeCount count = LakeCount.of(Map.of(UPDATE_1_AFTER, 2L), rows(AFTER, other));

        assertThat(count).isEqualTo(new LakeCount(2, 0, 0, 0, 0));
    }

    @Test
    void aCopyFromTheSameKafkaRecordWasWrittenTwiceByTheJob() {
        LakeRow row = new LakeRow(AFTER, 0, 41);
        LakeCount count =
                LakeCount.of(
                        Map.of(UPDATE_1_AFTER, 1L), List.of(row, row, new LakeRow(AFTER, 0, 57)));

        assertThat(count.duplicated()).isEqualTo(2);
        assertThat(count.writtenTwice()).isEqualTo(1);
    }

    @Test
    void rowsTheAuditDoesNotKnowAreUnexplained() {
        LakeCount count =
                LakeCount.of(
                        Map.of(TRUNCATE, 1L), rows(new ChangeEvent(null, "t", null, 5, 0), INSERT));

        assertThat(count.unexplained()).isEqualTo(1);
        assertThat(count.lost()).isZero();
    }

    /** Each row from a Kafka record of its own. */
    private static List<LakeRow> rows(ChangeEvent... events) {
        List<LakeRow> rows = new java.util.ArrayList<>();
        for (ChangeEvent event : events) {
            rows.add(new LakeRow(event, 0, rows.size()));
        }
        return rows;
    }
}
