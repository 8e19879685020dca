package io.cdclake.job.sink.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeValues;
import io.cdclake.format.TableMetadata;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another engine, DuckDB, reads the job's Parquet files with the intended SQL types and values. */
class ParquetReadByDuckDbTest {

    @Test
    void typesAndValuesMeanTheSameToDuckDb(@TempDir Path dir) throws Exception {
        Path file =
                LakeParquetWriterFactoryTest.write(
                        dir, ParquetCompression.ZSTD, LakeParquetWriterFactoryTest.sampleRow());
        String from =
                " FROM read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            try (ResultSet types =
                    sql.executeQuery(
                            "SELECT typeof(small), typeof(price), typeof(big_price), typeof(day),"
                                    + " typeof(\"at\"), typeof(ts), typeof(ts_nanos), typeof(tstz),"
                                    + " typeof(name), typeof(tags), typeof(blob), typeof(_lsn)"
                                    + from)) {
                assertThat(types.next()).isTrue();
                assertThat(types.getString(1)).isEqualTo("SMALLINT");
                assertThat(types.getString(2)).isEqualTo("DECIMAL(10,2)");
                assertThat(types.getString(3)).isEqualTo("DECIMAL(30,4)");
                assertThat(types.getString(4)).isEqualTo("DATE");
                assertThat(types.getString(5)).isEqualTo("TIME");
                assertThat(types.getString(6)).isEqualTo("TIMESTAMP");
                assertThat(types.getString(7)).isEqualTo("TIMESTAMP_NS");
                assertThat(types.getString(8)).isEqualTo("TIMESTAMP WITH TIME ZONE");
                assertThat(types.getString(9)).isEqualTo("VARCHAR");
                assertThat(types.getString(10)).isEqualTo("INTEGER[]");
                assertThat(types.getString(11)).isEqualTo("BLOB");
                assertThat(types.getString(12)).isEqualTo("BIGINT");
            }
            try (ResultSet values =
                    sql.executeQuery(
                            "SELECT price, big_price, day, CAST(\"at\" AS VARCHAR), CAST(ts AS"
                                    + " VARCHAR), CAST(tstz AT TIME ZONE 'UTC' AS VARCHAR), name,"
                                    + " CAST(tags AS VARCHAR), _op"
                                    + from)) {
                assertThat(values.next()).isTrue();
                assertThat(values.getBigDecimal(1)).isEqualByComparingTo("-12345678.90");
                assertThat(values.getBigDecimal(2))
                        .isEqualByComparingTo(new BigDecimal("12345678901234567890123456.7890"));
                assertThat(values.getObject(3, LocalDate.class))
                        .isEqualTo(LocalDate.parse("2025-11-24"));
                assertThat(values.getString(4)).isEqualTo("12:34:56.123456");
                assertThat(values.getString(5)).isEqualTo("2026-11-24 10:15:30.123456");
                assertThat(values.getString(6)).isEqualTo("2026-11-24 10:15:30.5");
                assertThat(values.getString(7)).isEqualTo("Cumings, Mrs. John");
                assertThat(values.getString(8)).isEqualTo("[1, NULL, 3]");
                assertThat(values.getString(9)).isEqualTo("c");
            }
        }
    }

    @Test
    void duckDbReadsTheTableMetadata(@TempDir Path dir) throws Exception {
        LakeRow row = LakeParquetWriterFactoryTest.sampleRow();
        Path file = LakeParquetWriterFactoryTest.write(dir, ParquetCompression.SNAPPY, row);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement();
                ResultSet metadata =
                        sql.executeQuery(
                                "SELECT decode(value) FROM parquet_kv_metadata('"
                                        + file.toAbsolutePath().toString().replace("'", "''")
                                        + "') WHERE decode(key) = '"
                                        + TableMetadata.KEY
                                        + "'")) {
            assertThat(metadata.next()).isTrue();
            assertThat(TableMetadata.fromJson(metadata.getString(1)))
                    .isEqualTo(row.schema().metadata());
        }
    }

    /** The lake's infinities are DuckDB's own, in each direction and unit. */
    @Test
    void infinitiesReadAsDuckDbsInfinities(@TempDir Path dir) throws Exception {
        LakeRow positive = infinite(LakeValues.INFINITE_DAYS, LakeValues.POSITIVE_INFINITY_MILLIS);
        LakeRow negative = infinite(-LakeValues.INFINITE_DAYS, LakeValues.NEGATIVE_INFINITY_MILLIS);
        Path file = LakeParquetWriterFactoryTest.write(dir, ParquetCompression.SNAPPY, positive);
        Path negativeFile =
                LakeParquetWriterFactoryTest.write(
                        dir.resolve("negative"), ParquetCompression.SNAPPY, negative);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            for (Path each : java.util.List.of(file, negativeFile)) {
                String expected = each == file ? "infinity" : "-infinity";
                try (ResultSet values =
                        sql.executeQuery(
                                "SELECT CAST(day AS VARCHAR), CAST(ts AS VARCHAR), CAST(ts_nanos AS"
                                        + " VARCHAR), CAST(tstz AS VARCHAR), isinf(tstz),"
                                        + " isinf(day) FROM read_parquet('"
                                        + each.toAbsolutePath()
                                        + "')")) {
                    assertThat(values.next()).isTrue();
                    for (int column = 1; column <= 4; column++) {
                        assertThat(values.getString(column))
                                .as("column %d", column)
                                .isEqualTo(expected);
                    }
                    assertThat(values.getBoolean(5)).isTrue();
                    assertThat(values.getBoolean(6)).isTrue();
                }
            }
        }
    }

    private static LakeRow infinite(int days, long millis) {
        LakeRow row = LakeParquetWriterFactoryTest.sampleRow();
        org.apache.flink.table.data.GenericRowData data = row.row();
        TimestampData infinity = TimestampData.fromEpochMillis(millis);
        data.setField(3, days);
        data.setField(5, infinity);
        data.setField(6, infinity);
        data.setField(7, infinity);
        return row;
    }
}
