package io.cdclake.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * Renders the lake type of each PostgreSQL type as the Markdown table docs/types.md carries: the
 * lake type from {@link DebeziumTypes}, its Parquet type from {@link ParquetEncoding} and an
 * example of its CSV text from {@link CsvEncoding}.
 */
public final class TypesDocumentation {

    /**
     * A kind of PostgreSQL column, how Debezium sends it, its lake type and a value for the CSV
     * example.
     */
    record Row(String postgres, String debezium, LakeType type, Object example) {}

    static final List<Row> ROWS =
            List.of(
                    new Row(
                            "smallint",
                            "int16",
                            DebeziumTypes.ConnectType.INT16.lakeType(),
                            (short) -7),
                    new Row("integer", "int32", DebeziumTypes.ConnectType.INT32.lakeType(), 42),
                    new Row(
                            "bigint, oid",
                            "int64",
                            DebeziumTypes.ConnectType.INT64.lakeType(),
                            9_007_199_254_740_993L),
                    new Row("real", "float", DebeziumTypes.ConnectType.FLOAT.lakeType(), 3.5f),
                    new Row(
                            "double precision; numeric with `decimal.handling.mode=double`",
                            "double",
                            DebeziumTypes.ConnectType.DOUBLE.lakeType(),
                            Double.NaN),
                    new Row(
                            "numeric, decimal, money: the connector's"
                                    + " `decimal.handling.mode=string`",
                            "string: PostgreSQL's digits, `NaN`, `Infinity`, `-Infinity`",
                            DebeziumTypes.ConnectType.STRING.lakeType(),
                            "NaN"),
                    new Row(
                            "numeric(p,s), money with `decimal.handling.mode=precise`",
                            "`Decimal` (`connect.decimal.precision`, `scale`)",
                            DebeziumTypes.decimal(10, 2),
                            new BigDecimal("-1234.50")),
                    new Row(
                            "numeric(p,s) with p > "
                                    + DebeziumTypes.MAX_DECIMAL_PRECISION
                                    + " with `decimal.handling.mode=precise`",
                            "`Decimal`",
                            DebeziumTypes.decimal(DebeziumTypes.MAX_DECIMAL_PRECISION + 2, 2),
                            "1234567890123456789012345678901234567890.12"),
                    new Row(
                            "numeric (no scale) with `decimal.handling.mode=precise`: each value"
                                    + " has its own",
                            "`VariableScaleDecimal`",
                            DebeziumTypes.Logical.VARIABLE_SCALE_DECIMAL.lakeType(),
                            "3.14159"),
                    new Row(
                            "boolean, bit(1)",
                            "boolean",
                            DebeziumTypes.ConnectType.BOOLEAN.lakeType(),
                            true),
                    new Row(
                            "text, varchar, char, citext, uuid, enum, json, jsonb, xml, timetz,"
                                    + " inet, cidr, macaddr, macaddr8, ltree; ranges as PostgreSQL"
                                    + " prints them",
                            "string (`Uuid`, `Enum`, `Json`, `Xml`, `ZonedTime`, `Ltree`)",
                            DebeziumTypes.ConnectType.STRING.lakeType(),
                            "Ünïcode, \"quoted\""),
                    new Row(
                            "bytea",
                            "bytes",
                            DebeziumTypes.ConnectType.BYTES.lakeType(),
                            new byte[] {1, 2, 3}),
                    new Row(
                            "bit(n>1), varbit",
                            "`Bits`: the little-endian bytes of the value (B'1010' is 0x0A)",
                            DebeziumTypes.Logical.BITS.lakeType(),
                            new byte[] {0x0A}),
                    new Row(
                            "date",
                            "`Date`; Connect `Date`",
                            DebeziumTypes.Logical.DATE.lakeType(),
                            LocalDate.of(2024, 2, 29)),
                    new Row(
                            "date `infinity`, `-infinity` (Parquet: the largest INT32 and its"
                                    + " negation, as DuckDB holds them)",
                            "`Date` of -5877611-06-21, -5877611-06-22",
                            DebeziumTypes.Logical.DATE.lakeType(),
                            LocalDate.MAX),
                    new Row(
                            "time(0–3); any time with `time.precision.mode=connect`",
                            "`Time` (ms); Connect `Time`",
                            DebeziumTypes.Logical.TIME.lakeType(),
                            LocalTime.of(13, 45, 30, 123_000_000)),
                    new Row(
                            "time(4–6), up to `24:00:00`",
                            "`MicroTime` (µs)",
                            DebeziumTypes.Logical.MICRO_TIME.lakeType(),
                            LocalTime.MAX),
                    new Row(
                            "timestamp(0–3)",
                            "`Timestamp` (ms); Connect `Timestamp`",
                            DebeziumTypes.Logical.TIMESTAMP.lakeType(),
                            LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000)),
                    new Row(
                            "timestamp(4–6)",
                            "`MicroTimestamp` (µs)",
                            DebeziumTypes.Logical.MICRO_TIMESTAMP.lakeType(),
                            LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000)),
                    new Row(
                            "(other sources)",
                            "`NanoTimestamp` (ns)",
                            DebeziumTypes.Logical.NANO_TIMESTAMP.lakeType(),
                            LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_789)),
                    new Row(
                            "timestamptz",
                            "`ZonedTimestamp` (ISO-8601 text)",
                            DebeziumTypes.Logical.ZONED_TIMESTAMP.lakeType(),
                            Instant.parse("2024-02-29T11:45:30.123456Z")),
                    new Row(
                            "timestamp, timestamptz `infinity`, `-infinity` (Parquet: the largest"
                                    + " INT64 and its negation, as DuckDB holds them)",
                            "`MicroTimestamp` of ±9223372036825200000 (`Timestamp`: a"
                                    + " thousandth); `ZonedTimestamp` `infinity`, `-infinity`",
                            DebeziumTypes.Logical.ZONED_TIMESTAMP.lakeType(),
                            Instant.MIN),
                    new Row(
                            "interval: the connector's `interval.handling.mode=string`",
                            "`Interval` (ISO-8601: years, months, days and time apart)",
                            DebeziumTypes.Logical.INTERVAL.lakeType(),
                            "P1Y2M3DT4H5M6.78S"),
                    new Row(
                            "interval with `interval.handling.mode=numeric`",
                            "`MicroDuration` (µs; a month is "
                                    + DebeziumEncodings.DAYS_PER_MONTH_AVG
                                    + " days)",
                            DebeziumTypes.Logical.MICRO_DURATION.lakeType(),
                            DebeziumEncodings.intervalMicros(0, 1, 2, 3, 0, 0)),
                    new Row(
                            "arrays (here integer[])",
                            "array",
                            LakeType.array(DebeziumTypes.ConnectType.INT32.lakeType()),
                            java.util.Arrays.asList(1, null, 3)),
                    new Row(
                            "point",
                            "`Point` (x, y) as PostgreSQL prints the point",
                            DebeziumTypes.Logical.POINT.lakeType(),
                            PostgresText.point(-0.5, 1e300)),
                    new Row(
                            "box, circle, line, lseg, path, polygon, isbn: types Debezium does not"
                                    + " know (`include.unknown.datatypes`)",
                            "bytes of PostgreSQL's text, told from bytea by"
                                    + " `datatype.propagate.source.type`",
                            DebeziumTypes.isTextOfUnknownType("bytes", "BOX")
                                    ? LakeType.of(LakeType.Kind.STRING)
                                    : LakeType.of(LakeType.Kind.BYTES),
                            "(1,1),(0,0)"),
                    new Row(
                            "anything else: PostGIS geometries, hstore as a map",
                            "struct, map (kept whole as JSON text)",
                            DebeziumTypes.ConnectType.STRUCT.lakeType(),
                            "{\"srid\":4326,\"wkb\":\"AQE=\"}"));

    private TypesDocumentation() {}

    public static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append(
                "| PostgreSQL (the connector's modes unless named) | Debezium / Connect type | lake"
                        + " type | Parquet | CSV example |\n");
        table.append("| --- | --- | --- | --- | --- |\n");
        for (Row row : ROWS) {
            table.append("| ")
                    .append(cell(row.postgres()))
                    .append(" | ")
                    .append(cell(row.debezium()))
                    .append(" | `")
                    .append(row.type())
                    .append("` | `")
                    .append(parquet(ParquetEncoding.type("c", row.type())))
                    .append("`")
                    .append(" | `")
                    .append(cell(CsvEncoding.text(row.type(), row.example())))
                    .append("` |\n");
        }
        return table.toString();
    }

    /** {@code INT64 TIMESTAMP(MICROS,false)}: the physical type and its logical annotation. */
    private static String parquet(Type type) {
        if (!type.isPrimitive()) {
            Type element = type.asGroupType().getType(0).asGroupType().getType(0);
            return "LIST of " + parquet(element);
        }
        String physical = type.asPrimitiveType().getPrimitiveTypeName().name();
        if (type.asPrimitiveType().getPrimitiveTypeName()
                == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            physical += "(" + type.asPrimitiveType().getTypeLength() + ")";
        }
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return logical == null ? physical : physical + " " + logical;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    public static void main(String[] args) {
        System.out.print(markdownTable());
    }
}
