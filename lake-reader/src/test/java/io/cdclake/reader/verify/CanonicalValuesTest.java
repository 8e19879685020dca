package io.cdclake.reader.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.reader.verify.ColumnType.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

class CanonicalValuesTest {

    private static boolean same(Kind kind, Object lake, Object database) {
        return CanonicalValues.same(ColumnType.of(kind), lake, database);
    }

    @Test
    void decimalsCompareByValueNotScale() {
        assertThat(
                        same(
                                Kind.NUMERIC,
                                new BigDecimal("1.500000000000000000"),
                                new BigDecimal("1.5")))
                .isTrue();
        assertThat(same(Kind.NUMERIC, new BigDecimal("0E-18"), new BigDecimal("0.00"))).isTrue();
        assertThat(same(Kind.NUMERIC, new BigDecimal("100"), new BigDecimal("1E+2"))).isTrue();
        assertThat(same(Kind.NUMERIC, new BigDecimal("1.51"), new BigDecimal("1.5"))).isFalse();
        // decimal.handling.mode=string and =double
        assertThat(same(Kind.NUMERIC, "12.50", new BigDecimal("12.5"))).isTrue();
        assertThat(same(Kind.NUMERIC, 0.1d, new BigDecimal("0.1"))).isTrue();
        // money read as text
        assertThat(same(Kind.NUMERIC, new BigDecimal("1234.50"), "$1,234.50")).isTrue();
        assertThat(
                        CanonicalValues.render(
                                CanonicalValues.of(
                                        ColumnType.of(Kind.NUMERIC), new BigDecimal("1E+3"))))
                .isEqualTo("1000");
    }

    @Test
    void integersOfAnyWidthAreEqual() {
        assertThat(same(Kind.INTEGER, (short) 7, 7)).isTrue();
        assertThat(same(Kind.INTEGER, 7, 7L)).isTrue();
        assertThat(same(Kind.INTEGER, 7L, 8L)).isFalse();
    }

    @Test
    void realAndDoubleCompareAtTheColumnsPrecision() {
        // real: what the lake holds as FLOAT equals what the driver reads, whichever width either
        // side used
        assertThat(same(Kind.FLOAT4, 1.1f, 1.1f)).isTrue();
        assertThat(same(Kind.FLOAT4, (double) 1.1f, 1.1f)).isTrue();
        assertThat(same(Kind.FLOAT4, 1.1d, 1.1f)).isTrue();
        assertThat(same(Kind.FLOAT4, Float.NaN, Float.NaN)).isTrue();
        assertThat(same(Kind.FLOAT8, 1.1d, 1.1d)).isTrue();
        // double precision: a value narrowed to float differs
        assertThat(same(Kind.FLOAT8, (double) 1.1f, 1.1d)).isFalse();
    }

    @Test
    void jsonComparesParsed() {
        assertThat(
                        same(
                                Kind.JSON,
                                "{\"b\": [1, 2.50], \"a\": {\"x\": null}}",
                                "{\"a\":{\"x\":null},\"b\":[1,2.5]}"))
                .isTrue();
        assertThat(same(Kind.JSON, "{\"a\": 1}", "{\"a\": 1.0}")).isTrue();
        assertThat(same(Kind.JSON, "{\"a\": 1}", "{\"a\": \"1\"}")).isFalse();
        assertThat(same(Kind.JSON, "[1, 2]", "[2, 1]")).isFalse();
        // hstore: the driver's map against Debezium's JSON text
        assertThat(same(Kind.HSTORE, "{\"k\":\"v\",\"n\":null}", "{\"n\": null, \"k\": \"v\"}"))
                .isTrue();
        assertThat(same(Kind.HSTORE, "{\"k\":\"v\"}", Map.of("k", "v"))).isTrue();
    }

    @Test
    void arraysCompareElementWise() {
        ColumnType numbers = ColumnType.arrayOf(ColumnType.of(Kind.NUMERIC));
        assertThat(
                        CanonicalValues.same(
                                numbers,
                                List.of(new BigDecimal("1.10"), new BigDecimal("2")),
                                new Object[] {new BigDecimal("1.1"), new BigDecimal("2.000")}))
                .isTrue();
        assertThat(
                        CanonicalValues.same(
                                numbers,
                                Arrays.asList(new BigDecimal("1"), null),
                                Arrays.asList(new BigDecimal("1"), null)))
                .isTrue();
        assertThat(
                        CanonicalValues.same(
                                numbers,
                                List.of(new BigDecimal("1")),
                                List.of(new BigDecimal("1"), new BigDecimal("1"))))
                .isFalse();
        ColumnType dates = ColumnType.arrayOf(ColumnType.of(Kind.DATE));
        assertThat(
                        CanonicalValues.same(
                                dates, List.of(LocalDate.of(2024, 2, 29)), List.of("2024-02-29")))
                .isTrue();
        ColumnType texts = ColumnType.arrayOf(ColumnType.of(Kind.TEXT));
        assertThat(CanonicalValues.same(texts, List.of("a", "b"), List.of("a", "c"))).isFalse();
    }

    @Test
    void byteaComparesBytes() {
        assertThat(same(Kind.BYTES, new byte[] {1, 2, (byte) 0xff}, new byte[] {1, 2, (byte) 0xff}))
                .isTrue();
        assertThat(same(Kind.BYTES, new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
        assertThat(same(Kind.BYTES, new byte[] {1, 2, (byte) 0xff}, "\\x0102ff")).isTrue();
        assertThat(same(Kind.BYTES, "AQL/", new byte[] {1, 2, (byte) 0xff})).isTrue();
        assertThat(
                        CanonicalValues.render(
                                CanonicalValues.of(ColumnType.of(Kind.BYTES), new byte[] {1, 10})))
                .isEqualTo("\\x010a");
    }

    @Test
    void bitStringsAsDebeziumEncodesThem() {
        // B'1010' is 0x0A, B'110011' 0x33, B'0000' no bytes at all; bit(1) is a boolean
        assertThat(same(Kind.BIT, new byte[] {0x0A}, "1010")).isTrue();
        assertThat(same(Kind.BIT, new byte[] {0x33}, "110011")).isTrue();
        assertThat(same(Kind.BIT, new byte[0], "0000")).isTrue();
        assertThat(same(Kind.BIT, true, "1")).isTrue();
        assertThat(same(Kind.BIT, new byte[] {0x01, 0x02}, "1000000001")).isTrue();
        assertThat(same(Kind.BIT, new byte[] {0x0B}, "1010")).isFalse();
        assertThat(CanonicalValues.render(CanonicalValues.of(ColumnType.of(Kind.BIT), "0110")))
                .isEqualTo("B'110'");
    }

    @Test
    void temporalValues() {
        assertThat(same(Kind.DATE, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24)))
                .isTrue();
        assertThat(
                        same(
                                Kind.DATE,
                                (int) LocalDate.of(2026, 11, 24).toEpochDay(),
                                LocalDate.of(2026, 11, 24)))
                .isTrue();
        assertThat(
                        same(
                                Kind.TIME,
                                LocalTime.of(10, 15, 30, 123_456_000),
                                LocalTime.parse("10:15:30.123456")))
                .isTrue();
        assertThat(
                        same(
                                Kind.TIME,
                                io.cdclake.format.LakeValues.timeOfMicros(86_400_000_000L),
                                LocalTime.MAX))
                .isTrue();
        assertThat(
                        same(
                                Kind.TIMESTAMP,
                                LocalDateTime.parse("2026-11-24T10:15:30.000001"),
                                LocalDateTime.parse("2026-11-24T10:15:30.000001")))
                .isTrue();
        assertThat(
                        same(
                                Kind.TIMESTAMP,
                                LocalDateTime.parse("2026-11-24T10:15:30"),
                                "2026-11-24 10:15:30"))
                .isTrue();
        assertThat(
                        same(
                                Kind.TIMESTAMPTZ,
                                Instant.parse("2026-11-24T08:15:30.5Z"),
                                OffsetDateTime.of(
                                        2026,
                                        11,
                                        24,
                                        10,
                                        15,
                                        30,
                                        500_000_000,
                                        ZoneOffset.ofHours(2))))
                .isTrue();
        assertThat(
                        same(
                                Kind.TIMESTAMPTZ,
                                "2026-11-24T10:15:30.5+02:00",
                                Instant.parse("2026-11-24T08:15:30.5Z")))
                .isTrue();
        assertThat(
                        same(
                                Kind.TIMESTAMPTZ,
                                Instant.parse("2026-11-24T08:15:30Z"),
                                Instant.parse("2026-11-24T08:15:31Z")))
                .isFalse();
        // timetz: Debezium's ZonedTime in UTC against PostgreSQL's text
        assertThat(same(Kind.TIMETZ, "08:15:30.25Z", "10:15:30.25+02")).isTrue();
        assertThat(same(Kind.TIMETZ, OffsetTime.parse("08:15:30Z"), "10:15:30+02:00")).isTrue();
    }

    @Test
    void intervalsAsDebeziumCountsThem() throws Exception {
        // a month is 30.4375 days
        assertThat(same(Kind.INTERVAL, 2_629_800_000_000L, new PGInterval("1 mon"))).isTrue();
        assertThat(
                        same(
                                Kind.INTERVAL,
                                86_400_000_000L + 3_723_500_000L,
                                new PGInterval("1 day 01:02:03.5")))
                .isTrue();
        assertThat(same(Kind.INTERVAL, 1L, new PGInterval("00:00:01"))).isFalse();
    }

    @Test
    void intervalsKeptAsTextCompareMonthsDaysAndTimeApart() throws Exception {
        assertThat(
                        same(
                                Kind.INTERVAL,
                                "P1Y2M3DT4H5M6.78S",
                                new PGInterval("1 year 2 mons 3 days 04:05:06.78")))
                .isTrue();
        // Debezium's microseconds cannot tell these apart; the text can.
        assertThat(same(Kind.INTERVAL, "P0Y1M0DT0H0M0S", new PGInterval("1 mon"))).isTrue();
        assertThat(same(Kind.INTERVAL, "P0Y0M30DT10H30M0S", new PGInterval("1 mon"))).isFalse();
        assertThat(
                        same(
                                Kind.INTERVAL,
                                "P0Y-1M2DT0H0M-1S",
                                new PGInterval("-1 mons +2 days -00:00:01")))
                .isTrue();
        assertThat(
                        same(
                                Kind.INTERVAL,
                                "P-178000000Y0M0DT0H0M0S",
                                new PGInterval("-178000000 years")))
                .isTrue();
        assertThat(same(Kind.INTERVAL, "PT0S", new PGInterval("00:00:00"))).isTrue();
    }

    @Test
    void infinitiesAndTheEndOfTheDay() {
        assertThat(same(Kind.TIMESTAMPTZ, Instant.MAX, OffsetDateTime.MAX)).isTrue();
        assertThat(same(Kind.TIMESTAMPTZ, Instant.MIN, OffsetDateTime.MIN)).isTrue();
        assertThat(same(Kind.TIMESTAMPTZ, Instant.MIN, OffsetDateTime.MAX)).isFalse();
        assertThat(same(Kind.TIMESTAMP, LocalDateTime.MAX, "infinity")).isTrue();
        assertThat(same(Kind.DATE, LocalDate.MIN, "-infinity")).isTrue();
        assertThat(same(Kind.DATE, LocalDate.MAX, LocalDate.MAX)).isTrue();
        assertThat(same(Kind.TIME, LocalTime.MAX, "24:00:00")).isTrue();
        assertThat(same(Kind.NUMERIC, "Infinity", Double.POSITIVE_INFINITY)).isTrue();
        assertThat(same(Kind.NUMERIC, "NaN", Double.NaN)).isTrue();
        assertThat(same(Kind.NUMERIC, "-Infinity", Double.POSITIVE_INFINITY)).isFalse();
    }

    @Test
    void geometricTypesAndRangesCompareByValue() {
        assertThat(same(Kind.GEOMETRIC, "(1,1),(0,0)", "(1.0,1.0),(0.0,0.0)")).isTrue();
        assertThat(same(Kind.GEOMETRIC, "(-0.5,1e+300)", "(-0.5,1.0E300)")).isTrue();
        assertThat(same(Kind.GEOMETRIC, "<(0,0),1>", "<(0,0),0.5>")).isFalse();
        ColumnType tstzrange = new ColumnType(Kind.RANGE, "tstzrange", null);
        assertThat(
                        CanonicalValues.same(
                                tstzrange,
                                "[\"2017-06-05 11:29:12.549426+00\",)",
                                "[\"2017-06-05 13:29:12.549426+02\",)"))
                .isTrue();
        ColumnType numrange = new ColumnType(Kind.RANGE, "numrange", null);
        assertThat(CanonicalValues.same(numrange, "(,1.50]", "(,1.5]")).isTrue();
        assertThat(CanonicalValues.same(numrange, "empty", "empty")).isTrue();
        assertThat(CanonicalValues.same(numrange, "[1,2)", "[1,2]")).isFalse();
    }

    @Test
    void uuidBooleanTextAndOther() {
        UUID id = UUID.randomUUID();
        assertThat(same(Kind.UUID, id.toString().toUpperCase(), id)).isTrue();
        assertThat(same(Kind.BOOLEAN, true, Boolean.TRUE)).isTrue();
        assertThat(same(Kind.BOOLEAN, "t", true)).isTrue();
        assertThat(same(Kind.TEXT, "a ", "a")).isFalse();
        assertThat(same(Kind.OTHER, "192.168.0.1/32", "192.168.0.1/32")).isTrue();
        assertThat(same(Kind.TEXT, null, null)).isTrue();
        assertThat(same(Kind.TEXT, null, "")).isFalse();
    }

    @Test
    void canonicalFormsAreStable() {
        for (Kind kind :
                new Kind[] {
                    Kind.NUMERIC,
                    Kind.JSON,
                    Kind.BYTES,
                    Kind.BIT,
                    Kind.UUID,
                    Kind.INTERVAL,
                    Kind.TIMETZ,
                    Kind.OTHER
                }) {
            Object value =
                    switch (kind) {
                        case NUMERIC -> new BigDecimal("1.50");
                        case JSON -> "{\"a\": 1.0}";
                        case BYTES -> new byte[] {1};
                        case BIT -> new byte[] {5};
                        case UUID -> UUID.randomUUID();
                        case INTERVAL -> 5L;
                        case TIMETZ -> "10:00:00+02";
                        default -> new byte[] {2};
                    };
            Object once = CanonicalValues.of(ColumnType.of(kind), value);
            assertThat(CanonicalValues.of(ColumnType.of(kind), once))
                    .as(kind.name())
                    .isEqualTo(once);
        }
    }

    @Test
    void unparsableValuesStayAsTextAndDiffer() {
        assertThat(CanonicalValues.of(ColumnType.of(Kind.DATE), "not a date"))
                .isEqualTo("not a date");
        assertThat(same(Kind.DATE, "not a date", LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(CanonicalValues.render("it's")).isEqualTo("'it''s'");
        assertThat(CanonicalValues.render(null)).isEqualTo("NULL");
    }
}
