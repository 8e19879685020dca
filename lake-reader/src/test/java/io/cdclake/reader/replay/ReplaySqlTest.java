package io.cdclake.reader.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.LakeValues;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableMetadata;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text of the replay's SQL: quoting, as-of, defaults, and the Spark dialect. */
class ReplaySqlTest {

    private static final String WEIRD = "we\"ird `col`.x y";

    private static PartFile file(
            String path, Long firstLsn, TableMetadata metadata, Map<String, LakeType> tableTypes) {
        Map<String, LakeType> types = new LinkedHashMap<>(tableTypes);
        MetadataColumns.ALL.forEach(c -> types.put(c.name(), c.type()));
        return new PartFile(
                path,
                new ArrayList<>(types.keySet()),
                Optional.ofNullable(metadata),
                types,
                firstLsn);
    }

    private static Map<String, LakeType> types(Object... namesAndTypes) {
        Map<String, LakeType> types = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            types.put((String) namesAndTypes[i], (LakeType) namesAndTypes[i + 1]);
        }
        return types;
    }

    private static final LakeType BIGINT = LakeType.of(Kind.BIGINT);
    private static final LakeType STRING = LakeType.of(Kind.STRING);

    @Test
    void namesAndPathsAreQuotedPerDialect() {
        List<PartFile> files =
                List.of(file("/lake/it's/part-0.parquet", 1L, null, types(WEIRD, BIGINT)));

        String duckDb =
                ReplaySql.currentState(SqlDialect.DUCKDB, files, List.of(WEIRD), AsOf.none());
        assertThat(duckDb)
                .contains("\"we\"\"ird `col`.x y\"")
                .contains("read_parquet(['/lake/it''s/part-0.parquet']")
                .doesNotContain("`we");

        String spark = ReplaySql.currentState(SqlDialect.SPARK, files, List.of(WEIRD), AsOf.none());
        assertThat(spark)
                .contains("`we\"ird ``col``.x y`")
                .contains("parquet.`/lake/it's/part-0.parquet`")
                .doesNotContain("\"we");
    }

    @Test
    void asOfFiltersByLsnOrCommitTime() {
        List<PartFile> files = List.of(file("/lake/a.parquet", 1L, null, types("id", BIGINT)));
        assertThat(ReplaySql.currentState(SqlDialect.DUCKDB, files, List.of("id"), AsOf.lsn(42)))
                .contains("AND \"_lsn\" <= 42");
        assertThat(
                        ReplaySql.currentState(
                                SqlDialect.SPARK,
                                files,
                                List.of("id"),
                                AsOf.timestamp(Instant.parse("2026-11-24T09:00:00.123Z"))))
                .contains(
                        "AND `_source_ts_ms` <= "
                                + Instant.parse("2026-11-24T09:00:00.123Z").toEpochMilli());
        assertThat(ReplaySql.currentState(SqlDialect.DUCKDB, files, List.of("id"), AsOf.none()))
                .doesNotContain("<=");
    }

    @Test
    void theDefaultOfAnAddedColumnIsTheOldestFileThatHasIt() {
        PartFile before = file("/lake/a.parquet", 100L, null, types("id", BIGINT));
        PartFile added =
                file(
                        "/lake/b.parquet",
                        200L,
                        new TableMetadata("v2", List.of("id"), Map.of("status", "it's new")),
                        types("id", BIGINT, "status", STRING));
        PartFile changed =
                file(
                        "/lake/c.parquet",
                        300L,
                        new TableMetadata("v3", List.of("id"), Map.of("status", "later")),
                        types("id", BIGINT, "status", STRING));
        // given in any order, files are read by age
        List<PartFile> files = List.of(changed, before, added);
        assertThat(ReplaySql.defaults(files)).isEqualTo(Map.of("status", "it's new"));
        assertThat(ReplaySql.changeColumns(files)).startsWith("id", "_op").endsWith("status");
        assertThat(ReplaySql.stateColumns(files)).containsExactly("id", "status");

        assertThat(ReplaySql.changes(SqlDialect.DUCKDB, files))
                .contains(
                        "SELECT *, 'it''s new' AS \"status\" FROM"
                                + " read_parquet(['/lake/a.parquet'], union_by_name = true,"
                                + " hive_partitioning = false)")
                .contains(
                        "read_parquet(['/lake/b.parquet', '/lake/c.parquet'], union_by_name ="
                                + " true")
                .contains("UNION ALL BY NAME");
        String spark = ReplaySql.changes(SqlDialect.SPARK, files);
        assertThat(spark)
                .contains("'it\\'s new' AS `status` FROM parquet.`/lake/a.parquet`")
                .contains("FROM parquet.`/lake/{b.parquet,c.parquet}`")
                .contains("\nUNION ALL\n");
    }

    @Test
    void aDefaultThatIsNotAValueOfItsTypeIsRefused() {
        List<PartFile> files =
                List.of(
                        file("/lake/a.parquet", 1L, null, types("id", BIGINT)),
                        file(
                                "/lake/b.parquet",
                                2L,
                                new TableMetadata("v", List.of(), Map.of("n", "many")),
                                types("id", BIGINT, "n", BIGINT)));
        assertThatThrownBy(() -> ReplaySql.changes(SqlDialect.DUCKDB, files))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column n")
                .hasMessageContaining("/lake/b.parquet");
    }

    @Test
    void sparkReadsEachSchemaApartAndProjectsMissingColumnsAsTypedNulls() {
        List<PartFile> files =
                List.of(
                        file(
                                "s3a://lake/parquet/t/dt=2026-11-24/part-1.parquet",
                                1L,
                                null,
                                types("id", BIGINT)),
                        file(
                                "s3a://lake/parquet/t/dt=2026-11-25/part-{2}.parquet",
                                2L, null, types("id", BIGINT)),
                        file(
                                "s3a://lake/parquet/t/dt=2026-11-25/part-3.parquet",
                                3L,
                                null,
                                types("id", BIGINT, "at", LakeType.timestamp(6))));
        String spark = ReplaySql.changes(SqlDialect.SPARK, files);
        assertThat(spark)
                .contains(
                        "parquet.`s3a://lake/parquet/t/{dt=2026-11-24/part-1.parquet,"
                                + "dt=2026-11-25/part-\\{2\\}.parquet}`")
                .contains("CAST(NULL AS TIMESTAMP_NTZ) AS `at`")
                .doesNotContain("read_parquet");
        String state = ReplaySql.currentState(SqlDialect.SPARK, files, List.of(), AsOf.none());
        assertThat(state).contains("LATERAL VIEW explode(sequence(1, ");
        String keyed = ReplaySql.currentState(SqlDialect.SPARK, files, List.of("id"), AsOf.none());
        assertThat(keyed)
                .contains("last(CASE WHEN NOT array_contains(split(coalesce(`_unavailable_columns`")
                .contains("named_struct('v', `at`)");
    }

    @Test
    void theKeyIsTheNewestTableMetadatas() {
        PartFile old = file("/lake/a.parquet", 1L, null, types("id", BIGINT));
        PartFile keyed =
                file(
                        "/lake/b.parquet",
                        2L,
                        new TableMetadata("v2", List.of("id"), Map.of()),
                        types("id", BIGINT));
        PartFile rekeyed =
                file(
                        "/lake/c.parquet",
                        3L,
                        new TableMetadata("v3", List.of("id", "code"), Map.of()),
                        types("id", BIGINT, "code", STRING));
        assertThat(ReplaySql.keyColumns(List.of(old))).isEmpty();
        assertThat(ReplaySql.keyColumns(List.of(keyed, old))).contains(List.of("id"));
        assertThat(ReplaySql.keyColumns(List.of(rekeyed, old, keyed)))
                .contains(List.of("id", "code"));
    }

    @Test
    void aKeyColumnNoFileHasIsRefused() {
        List<PartFile> files = List.of(file("/lake/a.parquet", 1L, null, types("id", BIGINT)));
        assertThatThrownBy(
                        () ->
                                ReplaySql.currentState(
                                        SqlDialect.DUCKDB, files, List.of("code"), AsOf.none()))
                .hasMessageContaining("code");
    }

    @Test
    void typedLiteralsReadBackAsTheSameLakeValues() throws Exception {
        Map<LakeType, Object> values = new LinkedHashMap<>();
        values.put(LakeType.of(Kind.BOOLEAN), true);
        values.put(LakeType.of(Kind.SMALLINT), (short) -7);
        values.put(LakeType.of(Kind.INT), 42);
        values.put(BIGINT, 9_007_199_254_740_993L);
        values.put(LakeType.of(Kind.FLOAT), Float.NaN);
        values.put(LakeType.of(Kind.DOUBLE), Double.NEGATIVE_INFINITY);
        values.put(
                LakeType.decimal(38, 10), new BigDecimal("-1234567890123456789012345.1234500000"));
        values.put(STRING, "Ünïcode, 'quoted' \"and\" \\ back");
        values.put(LakeType.of(Kind.BYTES), new byte[] {1, 2, 3, (byte) 0xff});
        values.put(LakeType.of(Kind.DATE), LocalDate.of(2024, 2, 29));
        values.put(LakeType.time(6), LocalTime.MAX);
        values.put(LakeType.time(3), LocalTime.of(13, 45, 30, 123_000_000));
        values.put(LakeType.timestamp(6), LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000));
        values.put(LakeType.timestamp(9), LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_789));
        values.put(LakeType.timestampLtz(6), Instant.parse("2024-02-29T11:45:30.123456Z"));
        values.put(LakeType.of(Kind.DATE), LocalDate.of(1, 1, 1));
        values.put(LakeType.array(LakeType.of(Kind.INT)), Arrays.asList(1, null, 3));
        values.put(LakeType.array(LakeType.time(6)), List.of(LocalTime.NOON));
        values.put(LakeType.array(STRING), List.of());
        try (Connection duckDb = DuckDbReplay.open();
                Statement statement = duckDb.createStatement()) {
            // PostgreSQL's infinities, which DuckDB has too, as PostgreSQL's JDBC driver reads them
            Map<String, Object> infinities = new LinkedHashMap<>();
            infinities.put("CAST('infinity' AS TIMESTAMP)", LocalDateTime.MAX);
            infinities.put("CAST('-infinity' AS TIMESTAMP)", LocalDateTime.MIN);
            infinities.put("CAST('infinity' AS TIMESTAMP WITH TIME ZONE)", Instant.MAX);
            infinities.put("CAST('-infinity' AS TIMESTAMP WITH TIME ZONE)", Instant.MIN);
            infinities.put("CAST('infinity' AS DATE)", LocalDate.MAX);
            infinities.put("CAST('-infinity' AS DATE)", LocalDate.MIN);
            for (Map.Entry<String, Object> entry : infinities.entrySet()) {
                LakeType type =
                        entry.getValue() instanceof Instant
                                ? LakeType.timestampLtz(6)
                                : entry.getValue() instanceof LocalDate
                                        ? LakeType.of(Kind.DATE)
                                        : LakeType.timestamp(6);
                try (ResultSet result =
                        statement.executeQuery(
                                "SELECT "
                                        + DuckDbValues.export(type, "v")
                                        + " FROM (SELECT "
                                        + entry.getKey()
                                        + " AS v)")) {
                    result.next();
                    assertThat(DuckDbValues.read(type, result.getObject(1)))
                            .as(entry.getKey())
                            .isEqualTo(entry.getValue());
                }
            }
            for (Map.Entry<LakeType, Object> entry : values.entrySet()) {
                LakeType type = entry.getKey();
                String literal = SqlText.literal(SqlDialect.DUCKDB, type, entry.getValue());
                try (ResultSet result =
                        statement.executeQuery(
                                "SELECT "
                                        + DuckDbValues.export(type, "v")
                                        + ", typeof(v) FROM (SELECT "
                                        + literal
                                        + " AS v)")) {
                    result.next();
                    Object back = DuckDbValues.read(type, result.getObject(1));
                    assertThat(LakeValues.same(back, entry.getValue()))
                            .as("%s %s read back as %s", type, literal, back)
                            .isTrue();
                    assertThat(result.getString(2))
                            .isEqualTo(
                                    SqlText.typeName(SqlDialect.DUCKDB, type).replace(", ", ","));
                }
            }
        }
    }
}
