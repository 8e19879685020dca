package io.cdclake.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeType.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;

/**
 * Each type family written in the lake's units and read back through the contract gives the
 * canonical value, in both formats; and each Parquet type names the lake type it was written for.
 */
class RoundTripTest {

    /** The value as the job's Parquet writer puts it: the contract's units. */
    private static void addParquet(Group group, String field, LakeType type, Object value) {
        switch (type.kind()) {
            case BOOLEAN -> group.add(field, (Boolean) value);
            case SMALLINT -> group.add(field, (int) (Short) value);
            case INT -> group.add(field, (Integer) value);
            case BIGINT -> group.add(field, (Long) value);
            case FLOAT -> group.add(field, (Float) value);
            case DOUBLE -> group.add(field, (Double) value);
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) value;
                if (type.precision() <= 9) {
                    group.add(field, decimal.unscaledValue().intValueExact());
                } else if (type.precision() <= 18) {
                    group.add(field, decimal.unscaledValue().longValueExact());
                } else {
                    group.add(
                            field,
                            Binary.fromConstantByteArray(
                                    ParquetEncoding.fixedDecimal(
                                            decimal.unscaledValue(), type.precision())));
                }
            }
            case STRING -> group.add(field, Binary.fromString((String) value));
            case BYTES -> group.add(field, Binary.fromConstantByteArray((byte[]) value));
            case DATE -> group.add(field, LakeValues.daysOfDate((LocalDate) value));
            case TIME ->
                    group.add(
                            field,
                            LocalTime.MAX.equals(value)
                                    ? LakeValues.MAX_TIME_MICROS
                                    : ((LocalTime) value).toNanoOfDay() / 1000);
            case TIMESTAMP, TIMESTAMP_LTZ -> {
                int infinity = LakeValues.infinity(value);
                if (infinity != 0) {
                    long millis =
                            infinity > 0
                                    ? LakeValues.POSITIVE_INFINITY_MILLIS
                                    : LakeValues.NEGATIVE_INFINITY_MILLIS;
                    assertThat(Representability.timestampProblem(type, millis, 0)).isNull();
                    group.add(
                            field,
                            ParquetEncoding.epochUnits(millis, 0, ParquetEncoding.timeUnit(type)));
                    return;
                }
                Instant instant =
                        value instanceof LocalDateTime local
                                ? local.toInstant(ZoneOffset.UTC)
                                : (Instant) value;
                long millis = instant.toEpochMilli();
                int nanos = instant.getNano() % 1_000_000;
                assertThat(Representability.timestampProblem(type, millis, nanos)).isNull();
                group.add(
                        field,
                        ParquetEncoding.epochUnits(millis, nanos, ParquetEncoding.timeUnit(type)));
            }
            case ARRAY -> {
                Group list = group.addGroup(field);
                for (Object item : (List<?>) value) {
                    Group element = list.addGroup(ParquetEncoding.LIST_GROUP);
                    if (item != null) {
                        addParquet(element, ParquetEncoding.LIST_ELEMENT, type.element(), item);
                    }
                }
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    private static void assertRoundTrips(LakeType type, Object... values) {
        for (Object value : values) {
            Type field = ParquetEncoding.type("c", type);
            // TIME and TIMESTAMP of precision 0 to 6 are all microseconds in the file: they read as
            // precision 6.
            assertThat(ParquetEncoding.type("c", ParquetEncoding.lakeType(field))).isEqualTo(field);
            MessageType schema = new MessageType("row", field);
            Group group = new SimpleGroup(schema);
            addParquet(group, "c", type, value);
            Object fromParquet = ParquetEncoding.read(group, 0, field, 0);
            assertThat(LakeValues.same(fromParquet, value))
                    .as("Parquet %s: %s, read %s", type, show(value), show(fromParquet))
                    .isTrue();

            String text = CsvEncoding.text(type, value);
            Object fromCsv = CsvEncoding.read(type, text);
            assertThat(LakeValues.same(fromCsv, value))
                    .as("CSV %s: %s as '%s', read %s", type, show(value), text, show(fromCsv))
                    .isTrue();
            assertThat(fromCsv).as("same class from both formats").hasSameClassAs(fromParquet);
        }
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value);
    }

    @Test
    void integers() {
        assertRoundTrips(LakeType.of(Kind.SMALLINT), (short) -32768, (short) 0, (short) 32767);
        assertRoundTrips(LakeType.of(Kind.INT), Integer.MIN_VALUE, 42, Integer.MAX_VALUE);
        assertRoundTrips(LakeType.of(Kind.BIGINT), Long.MIN_VALUE, -1L, Long.MAX_VALUE);
        assertRoundTrips(LakeType.of(Kind.BOOLEAN), true, false);
    }

    @Test
    void floatingPoint() {
        assertRoundTrips(
                LakeType.of(Kind.FLOAT),
                1.1f,
                -0.0f,
                Float.NaN,
                Float.POSITIVE_INFINITY,
                Float.MIN_VALUE);
        assertRoundTrips(
                LakeType.of(Kind.DOUBLE), 3.5, Double.NaN, Double.NEGATIVE_INFINITY, 1e-300);
    }

    @Test
    void decimalsInEachOfTheirThreeParquetTypes() {
        assertRoundTrips(
                LakeType.decimal(9, 2), new BigDecimal("-12345.67"), new BigDecimal("0.00"));
        assertRoundTrips(LakeType.decimal(18, 3), new BigDecimal("123456789012.345"));
        assertRoundTrips(
                LakeType.decimal(38, 5),
                new BigDecimal("-1234567890123456789012345.12345"),
                new BigDecimal("1.00000"));
        assertThat(ParquetEncoding.decimalBytes(38)).isEqualTo(16);
        assertThat(ParquetEncoding.decimalBytes(19)).isEqualTo(9);
    }

    @Test
    void textAndBytes() {
        assertRoundTrips(LakeType.of(Kind.STRING), "", "Ünïcode, \"quoted\"\r\nline", "😀");
        assertRoundTrips(LakeType.of(Kind.BYTES), new byte[0], new byte[] {0, -1, 127, -128});
        assertThat(Representability.textProblem("a\uD800b"))
                .contains("unpaired UTF-16 surrogate \\uD800 at character 1");
        assertThat(Representability.textProblem("😀")).isNull();
    }

    @Test
    void datesAndTimesIncludingTheEndOfTheDay() {
        assertRoundTrips(
                LakeType.of(Kind.DATE),
                LocalDate.of(2024, 2, 29),
                LocalDate.of(-4712, 1, 1),
                LocalDate.of(294276, 12, 31));
        assertRoundTrips(
                LakeType.time(6),
                LocalTime.MIDNIGHT,
                LocalTime.of(13, 45, 30, 123_456_000),
                LocalTime.MAX);
        assertThat(
                        CsvEncoding.text(
                                LakeType.time(6),
                                LakeValues.timeOfMicros(LakeValues.MAX_TIME_MICROS)))
                .isEqualTo("24:00:00");
        assertThat(Representability.timeProblem(LakeValues.MAX_TIME_MICROS)).isNull();
        assertThat(Representability.timeProblem(LakeValues.MAX_TIME_MICROS + 1))
                .contains("not a time of day");
    }

    @Test
    void timestampsOfEachPrecisionWithAndWithoutZone() {
        assertRoundTrips(
                LakeType.timestamp(3), LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000));
        assertRoundTrips(
                LakeType.timestamp(6), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        // The largest INT64 is infinity; the instant a nanosecond before it is the last finite.
        assertRoundTrips(
                LakeType.timestamp(9), LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_806));
        assertRoundTrips(
                LakeType.timestampLtz(6),
                Instant.parse("2024-02-29T11:45:30.123456Z"),
                Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(
                        CsvEncoding.text(
                                LakeType.timestampLtz(6),
                                Instant.parse("2024-02-29T11:45:30.123456Z")))
                .isEqualTo("2024-02-29T11:45:30.123456Z");
        assertThat(
                        Representability.timestampProblem(
                                LakeType.timestamp(9), Long.MAX_VALUE / 1000, 0))
                .contains("beyond Parquet's TIMESTAMP(NANOS)");
    }

    @Test
    void infinitiesOfDatesAndTimestampsAsDuckDbAndPostgresSpellThem() {
        assertRoundTrips(LakeType.of(Kind.DATE), LocalDate.MAX, LocalDate.MIN);
        for (LakeType type :
                List.of(LakeType.timestamp(3), LakeType.timestamp(6), LakeType.timestamp(9))) {
            assertRoundTrips(type, LocalDateTime.MAX, LocalDateTime.MIN);
        }
        assertRoundTrips(LakeType.timestampLtz(6), Instant.MAX, Instant.MIN);
        assertRoundTrips(
                LakeType.array(LakeType.of(Kind.DATE)),
                Arrays.asList(LocalDate.MIN, null, LocalDate.of(2024, 1, 1), LocalDate.MAX));

        // Parquet: the largest integer and its negation, DuckDB's own infinities.
        for (TimeUnitCase unit : TimeUnitCase.values()) {
            assertThat(
                            ParquetEncoding.epochUnits(
                                    LakeValues.POSITIVE_INFINITY_MILLIS, 0, unit.unit))
                    .isEqualTo(Long.MAX_VALUE);
            assertThat(
                            ParquetEncoding.epochUnits(
                                    LakeValues.NEGATIVE_INFINITY_MILLIS, 0, unit.unit))
                    .isEqualTo(-Long.MAX_VALUE);
        }
        assertThat(LakeValues.daysOfDate(LocalDate.MAX)).isEqualTo(Integer.MAX_VALUE);
        assertThat(LakeValues.daysOfDate(LocalDate.MIN)).isEqualTo(-Integer.MAX_VALUE);
        // CSV: PostgreSQL's spelling.
        assertThat(CsvEncoding.text(LakeType.timestampLtz(6), Instant.MAX)).isEqualTo("infinity");
        assertThat(CsvEncoding.text(LakeType.timestamp(6), LocalDateTime.MIN))
                .isEqualTo("-infinity");
        assertThat(CsvEncoding.text(LakeType.of(Kind.DATE), LocalDate.MIN)).isEqualTo("-infinity");
        // A finite instant whose units would read back as an infinity cannot be written.
        assertThat(
                        Representability.timestampProblem(
                                LakeType.timestamp(6), Long.MAX_VALUE / 1000, 807_000))
                .contains("beyond Parquet's");
    }

    private enum TimeUnitCase {
        MICROS(org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS),
        NANOS(org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.NANOS);

        final org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit unit;

        TimeUnitCase(org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit unit) {
            this.unit = unit;
        }
    }

    @Test
    void debeziumInfinitiesBecomeTheLakes() {
        assertThat(DebeziumEncodings.lakeDays(DebeziumEncodings.POSITIVE_INFINITY_DAYS))
                .isEqualTo(LakeValues.INFINITE_DAYS);
        assertThat(DebeziumEncodings.lakeDays(DebeziumEncodings.NEGATIVE_INFINITY_DAYS))
                .isEqualTo(-LakeValues.INFINITE_DAYS);
        assertThat(DebeziumEncodings.lakeDays(-2_440_588)).isEqualTo(-2_440_588);
        assertThat(DebeziumEncodings.timestampInfinity(9_223_372_036_825_200_000L, 1000))
                .isEqualTo(1);
        assertThat(DebeziumEncodings.timestampInfinity(-9_223_372_036_832_400L, 1)).isEqualTo(-1);
        assertThat(DebeziumEncodings.timestampInfinity(0, 1000)).isZero();
    }

    @Test
    void geometricValuesAsPostgresPrintsThem() {
        assertThat(PostgresText.point(1, 1)).isEqualTo("(1,1)");
        assertThat(PostgresText.point(-0.5, 1e300)).isEqualTo("(-0.5,1e+300)");
        assertThat(PostgresText.float8(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(PostgresText.float8(0.0001)).isEqualTo("0.0001");
        assertThat(PostgresText.float8(123456789012345.0)).isEqualTo("123456789012345");
        assertThat(PostgresText.float8(1234567890123456.0)).isEqualTo("1.234567890123456e+15");
        assertThat(PostgresText.float8(-0.0)).isEqualTo("-0");
        assertThat(PostgresText.float8(Double.NaN)).isEqualTo("NaN");
        assertRoundTrips(LakeType.of(Kind.STRING), PostgresText.point(2, 3));
    }

    @Test
    void arraysOfNumbersAndOfText() {
        assertRoundTrips(
                LakeType.array(LakeType.of(Kind.INT)), List.of(), Arrays.asList(1, null, -3));
        assertRoundTrips(
                LakeType.array(LakeType.of(Kind.STRING)),
                Arrays.asList("a \"b\"", null, "", "[1]"));
        assertRoundTrips(
                LakeType.array(LakeType.decimal(5, 2)),
                List.of(new BigDecimal("1.50"), new BigDecimal("-0.01")));
        assertRoundTrips(LakeType.array(LakeType.of(Kind.DATE)), List.of(LocalDate.of(2024, 1, 1)));
        assertThat(CsvEncoding.text(LakeType.array(LakeType.of(Kind.INT)), Arrays.asList(1, null)))
                .isEqualTo("[1,null]");
        assertThat(CsvEncoding.text(LakeType.array(LakeType.of(Kind.STRING)), List.of("x\"y")))
                .isEqualTo("[\"x\\\"y\"]");
    }

    @Test
    void debeziumEncodingsOfPostgresValues() {
        // B'1010' is 0x0A; B'0000000100000010' the little-endian bytes 0x02 0x01.
        assertThat(DebeziumEncodings.bits(new byte[] {0x0A})).isEqualTo(10);
        assertThat(DebeziumEncodings.bits(new byte[] {0x02, 0x01})).isEqualTo(0x0102);
        assertThat(DebeziumEncodings.bits(new byte[0])).isZero();
        // One month is 30.4375 days.
        assertThat(DebeziumEncodings.intervalMicros(0, 1, 0, 0, 0, 0))
                .isEqualTo(2_629_800_000_000L);
        // 14 months and 3 days are 429.125 days; with 4 h 5 min 6.5 s, 37,091,106.5 s.
        assertThat(DebeziumEncodings.intervalMicros(1, 2, 3, 4, 5, 6.5))
                .isEqualTo(37_091_106_500_000L);
        assertThat(DebeziumEncodings.decimal(new byte[] {(byte) 0xFF, 0x38}, 2))
                .isEqualByComparingTo("-2.00");
        assertThat(DebeziumEncodings.nanosToMicros(-1)).isEqualTo(-1);
        assertThat(DebeziumTypes.decimal(39, 2).kind()).isEqualTo(Kind.STRING);
        assertThat(DebeziumTypes.decimal(null, 2)).isEqualTo(LakeType.decimal(38, 2));
        assertThat(DebeziumTypes.Logical.NANO_TIMESTAMP.lakeType())
                .isEqualTo(LakeType.timestamp(9));
    }
}
