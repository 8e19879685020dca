package io.cdclake.job.sink.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.TableId;
import io.cdclake.format.TableMetadata;
import io.cdclake.job.decode.DebeziumDecoder;
import io.cdclake.job.decode.Fixtures;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.decode.TableSchema;
import io.cdclake.job.decode.TestSchemas;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.LakeFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LakeParquetWriterFactoryTest {

    private static final TableSchema SCHEMA =
            TestSchemas.schema(
                    "postgres.public.types.Value",
                    new LakeColumn("small", LakeType.of(Kind.SMALLINT)),
                    new LakeColumn("price", LakeType.decimal(10, 2)),
                    new LakeColumn("big_price", LakeType.decimal(30, 4)),
                    new LakeColumn("day", LakeType.of(Kind.DATE)),
                    new LakeColumn("at", LakeType.time(6)),
                    new LakeColumn("ts", LakeType.timestamp(6)),
                    new LakeColumn("ts_nanos", LakeType.timestamp(9)),
                    new LakeColumn("tstz", LakeType.timestampLtz(6)),
                    new LakeColumn("name", LakeType.of(Kind.STRING)),
                    new LakeColumn("tags", LakeType.array(LakeType.of(Kind.INT))),
                    new LakeColumn("blob", LakeType.of(Kind.BYTES)));

    static LakeRow sampleRow() {
        return TestSchemas.row(
                new TableId("public", "types"),
                SCHEMA,
                0L,
                (short) 7,
                DecimalData.fromBigDecimal(new BigDecimal("-12345678.90"), 10, 2),
                DecimalData.fromBigDecimal(
                        new BigDecimal("12345678901234567890123456.7890"), 30, 4),
                20416,
                (12L * 3600 + 34 * 60 + 56) * 1_000_000L + 123_456,
                TimestampData.fromLocalDateTime(LocalDateTime.parse("2026-11-24T10:15:30.123456")),
                TimestampData.fromLocalDateTime(
                        LocalDateTime.parse("2026-11-24T10:15:30.123456789")),
                TimestampData.fromInstant(Instant.parse("2026-11-24T10:15:30.5Z")),
                StringData.fromString("Cumings, Mrs. John"),
                new GenericArrayData(new Object[] {1, null, 3}),
                new byte[] {1, 2, 3});
    }

    static Path write(Path dir, ParquetCompression codec, LakeRow... rows) throws Exception {
        Path file = dir.resolve("part-" + codec + ".parquet");
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out =
                path.getFileSystem().create(path, FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<LakeRow> writer = new LakeParquetWriterFactory(codec, 1 << 20).create(out);
            for (LakeRow row : rows) {
                writer.addElement(row);
            }
            writer.finish();
        }
        return file;
    }

    @Test
    void writesStandardLogicalTypes(@TempDir Path dir) throws Exception {
        MessageType schema =
                LakeFiles.readParquet(write(dir, ParquetCompression.SNAPPY, sampleRow())).schema();
        assertThat(schema.getType("small").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.intType(16, true));
        assertThat(schema.getType("price").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("price").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
        assertThat(schema.getType("big_price").asPrimitiveType().getPrimitiveTypeName())
                .isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
        assertThat(schema.getType("day").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.dateType());
        assertThat(schema.getType("at").getLogicalTypeAnnotation())
                .isEqualTo(
                        LogicalTypeAnnotation.timeType(
                                false, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("ts").getLogicalTypeAnnotation())
                .isEqualTo(
                        LogicalTypeAnnotation.timestampType(
                                false, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("ts_nanos").getLogicalTypeAnnotation())
                .isEqualTo(
                        LogicalTypeAnnotation.timestampType(
                                false, LogicalTypeAnnotation.TimeUnit.NANOS));
        assertThat(schema.getType("tstz").getLogicalTypeAnnotation())
                .isEqualTo(
                        LogicalTypeAnnotation.timestampType(
                                true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("name").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("tags").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.listType());
        assertThat(schema.getType("_op").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.stringType());
    }

    @Test
    void everyPartFileRecordsItsTableMetadata(@TempDir Path dir) throws Exception {
        DebeziumDecoder decoder =
                new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER);
        List<LakeRow> rows = new ArrayList<>();
        for (KafkaChange change :
                Fixtures.load("column-defaults", "postgres.public.defaults_demo")) {
            decoder.decode(change, rows::add);
        }
        LakeRow snapshot = rows.get(0);
        LakeRow afterAlter = rows.get(rows.size() - 1);

        TableMetadata before =
                LakeFiles.tableMetadata(write(dir, ParquetCompression.SNAPPY, snapshot))
                        .orElseThrow();
        TableMetadata after =
                LakeFiles.tableMetadata(write(dir, ParquetCompression.ZSTD, afterAlter))
                        .orElseThrow();

        assertThat(before).isEqualTo(snapshot.schema().metadata());
        assertThat(before.keyColumns()).containsExactly("id");
        assertThat(before.defaults()).isEmpty();
        assertThat(after).isEqualTo(afterAlter.schema().metadata());
        assertThat(after.schemaVersion()).isNotEqualTo(before.schemaVersion());
        assertThat(after.keyColumns()).containsExactly("id");
        assertThat(after.defaults())
                .containsEntry("c_text", "x")
                .containsEntry("c_int", "7")
                .containsEntry("c_numeric", "12.50")
                .containsEntry("c_tstz", "2024-02-29T11:45:30.123456Z");
    }

    @ParameterizedTest
    @EnumSource(ParquetCompression.class)
    void valuesSurviveEveryCodec(ParquetCompression codec, @TempDir Path dir) throws Exception {
        Map<String, Object> row =
                LakeFiles.readParquet(write(dir, codec, sampleRow(), sampleRow())).rows().get(1);
        assertThat(row.get("small")).isEqualTo("7");
        assertThat(row.get("price")).isEqualTo("-1234567890");
        assertThat(row.get("day")).isEqualTo("20416");
        assertThat(row.get("at"))
                .isEqualTo(String.valueOf((12L * 3600 + 34 * 60 + 56) * 1_000_000L + 123_456));
        assertThat(row.get("ts"))
                .isEqualTo(
                        String.valueOf(
                                Instant.parse("2026-11-24T10:15:30.123456Z").toEpochMilli() * 1000
                                        + 456));
        assertThat(row.get("ts_nanos"))
                .isEqualTo(
                        String.valueOf(
                                Instant.parse("2026-11-24T10:15:30Z").toEpochMilli() * 1_000_000
                                        + 123_456_789));
        assertThat(row.get("tstz"))
                .isEqualTo(
                        String.valueOf(
                                Instant.parse("2026-11-24T10:15:30.5Z").toEpochMilli() * 1000));
        assertThat(row.get("name")).isEqualTo("Cumings, Mrs. John");
        assertThat(row.get("_op")).isEqualTo("c");
        assertThat(row.get("_lsn")).isNull();
        assertThat(String.valueOf(row.get("tags"))).contains("element: 1").contains("element: 3");
    }
}
