package io.cdclake.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.LakeValues;
import io.cdclake.format.TableId;
import io.cdclake.job.decode.TableSchema;
import io.cdclake.job.decode.TestSchemas;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;

class RepresentabilityTest {

    private static String problem(LakeType type, Object value) {
        TableSchema schema = TestSchemas.schema("t", new LakeColumn("c", type));
        return Representability.problem(
                TestSchemas.row(new TableId("public", "t"), schema, 0L, value));
    }

    @Test
    void stringsMustBeWholeUnicode() {
        assertThat(problem(LakeType.of(Kind.STRING), StringData.fromString("Zoë 😀"))).isNull();
        assertThat(problem(LakeType.of(Kind.STRING), StringData.fromString("a\uD800b")))
                .contains("column 'c'")
                .contains("unpaired UTF-16 surrogate \\uD800 at character 1");
        assertThat(problem(LakeType.of(Kind.STRING), StringData.fromString("end\uDE00")))
                .contains("\\uDE00");
    }

    @Test
    void timesRunFromMidnightToTwentyFourHours() {
        assertThat(problem(LakeType.time(6), 0L)).isNull();
        assertThat(problem(LakeType.time(6), LakeValues.MAX_TIME_MICROS)).isNull();
        assertThat(problem(LakeType.time(6), LakeValues.MAX_TIME_MICROS + 1))
                .contains("not a time of day");
        assertThat(problem(LakeType.time(6), -1L)).contains("not a time of day");
    }

    @Test
    void timestampsMustFitParquetsUnit() {
        TimestampData year3000 = TimestampData.fromEpochMillis(32_503_680_000_000L);
        assertThat(problem(LakeType.timestamp(6), year3000)).isNull();
        assertThat(problem(LakeType.timestamp(9), year3000)).contains("TIMESTAMP(NANOS)");
        assertThat(
                        problem(
                                LakeType.timestampLtz(6),
                                TimestampData.fromEpochMillis(Long.MAX_VALUE / 10)))
                .contains("TIMESTAMP(MICROS)");
    }

    @Test
    void arrayElementsAreCheckedToo() {
        LakeType texts = LakeType.array(LakeType.of(Kind.STRING));
        assertThat(
                        problem(
                                texts,
                                new GenericArrayData(
                                        new Object[] {StringData.fromString("ok"), null})))
                .isNull();
        assertThat(
                        problem(
                                texts,
                                new GenericArrayData(
                                        new Object[] {StringData.fromString("\uDC00")})))
                .contains("array element");
    }
}
