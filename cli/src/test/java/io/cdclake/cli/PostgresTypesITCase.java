package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.TableId;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.reader.verify.LakeRecord;
import io.cdclake.reader.verify.LakeTableReader;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every column type of Debezium's own PostgreSQL type tests, with ordinary and special values (NaN,
 * infinities, 24:00:00, each type's extremes), through the whole chain: snapshot, a copy of every
 * row streamed, updates that swap special and ordinary values, a delete; and a schema and table
 * whose names hold quotes, spaces and dots. Nothing becomes a dead letter, and {@code verify} finds
 * every table equal to PostgreSQL's.
 */
class PostgresTypesITCase {

    @RegisterExtension
    static final EmbeddedStack STACK =
            EmbeddedStack.of("types", b -> b.postgres().kafka().connect().flink());

    private static final TableId QUOTED = new TableId("Quoted_\" . Schema", "Quoted_\" . Table");

    @Test
    void everyTypeArrivesAsPostgresHoldsIt() throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement()) {
            sql.execute(resource("types/postgres-types.sql"));
        }
        List<TableId> tables = tables();
        assertThat(tables).contains(QUOTED).hasSizeGreaterThan(14);

        new ConnectorRegistrar(STACK.stack().connect().restUrl())
                .register(
                        ConnectorConfig.load()
                                .with("table.include.list", "types\\..*,Quoted_.*")
                                .with("slot.name", "cdc_lake_types")
                                .with("publication.name", "cdc_lake_types"),
                        Duration.ofMinutes(2));

        Path lake = STACK.workDir().resolve("lake");
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers",
                                STACK.stack().kafka().bootstrapServers(),
                                "lake.scheme",
                                "file",
                                "lake.bucket",
                                lake.getName(0).toString(),
                                "lake.base-path",
                                lake.subpath(1, lake.getNameCount()).toString(),
                                "checkpoint.interval",
                                "1 s",
                                "kafka.partition-discovery-interval",
                                "1 s"));
        String lakeRoot = config.lakeRoot();
        JobClient job = CdcLakeJob.start(STACK.stack().flink().environment(1), config);
        try {
            Map<TableId, VerifyReport> snapshot = awaitAllMatch(lakeRoot, tables);
            assertThat(snapshot.values()).allMatch(VerifyReport::matches);

            try (Connection db = STACK.stack().postgres().connect();
                    Statement sql = db.createStatement()) {
                for (TableId table : tables) {
                    sql.execute(copyEveryRow(db, table));
                }
                sql.execute(resource("types/postgres-types-changes.sql"));
            }
            Map<TableId, VerifyReport> reports = awaitAllMatch(lakeRoot, tables);
            reports.forEach(
                    (table, report) ->
                            assertThat(report.matches())
                                    .as(table + "\n" + report.render())
                                    .isTrue());
            assertThat(reports.get(QUOTED).databaseRows()).isEqualTo(4);
        } finally {
            job.cancel().get();
        }
        assertThat(deadLetters(lake)).as("dead letters").isEmpty();

        // The lake's own conventions, as a reader of the files sees them.
        LakeRecord time = lastImage(lakeRoot, "time_table", 1);
        assertThat(time.get("tz")).isEqualTo(Instant.MAX);
        assertThat(time.get("ts")).isEqualTo(LocalDateTime.MIN);
        assertThat(time.get("date")).isEqualTo(LocalDate.MIN);
        assertThat(time.get("date_pinf")).isEqualTo(LocalDate.MAX);
        assertThat(time.get("it_month")).isNotEqualTo(time.get("it_days"));
        assertThat(lastImage(lakeRoot, "time_table", 3).get("ti")).isEqualTo(LocalTime.MAX);
        LakeRecord numeric = lastImage(lakeRoot, "numeric_decimal_table", 1);
        assertThat(numeric.get("nvs_nan")).isEqualTo("NaN");
        assertThat(numeric.get("d_nan")).isEqualTo("NaN");
        assertThat(numeric.get("nvs_pinf")).isEqualTo("Infinity");
        assertThat(numeric.get("nvs_ninf")).isEqualTo("-Infinity");
        LakeRecord geometric = lastImage(lakeRoot, "geom_table", 1);
        assertThat(geometric.get("p")).isEqualTo("(2,3)");
        assertThat(geometric.get("bx")).isEqualTo("(1,1),(0,0)");
        assertThat(lastImage(lakeRoot, "text_table", 1).get("x"))
                .isEqualTo("<changed attr=\"&quot;\"/>");
    }

    /** The last row a table's Parquet files hold for the primary key {@code pk}. */
    private static LakeRecord lastImage(String lakeRoot, String table, int pk) throws IOException {
        List<LakeRecord> records =
                new LakeTableReader(lakeRoot, new TableId("types", table))
                        .read().stream()
                                .filter(r -> Integer.valueOf(pk).equals(r.get("pk")))
                                .sorted(
                                        java.util.Comparator.comparing(LakeRecord::lsn)
                                                .thenComparing(LakeRecord::offset))
                                .toList();
        assertThat(records).as(table + " pk=" + pk).isNotEmpty();
        return records.get(records.size() - 1);
    }

    /** The tables the type script created, the quoted one included. */
    private static List<TableId> tables() throws Exception {
        List<TableId> tables = new ArrayList<>();
        try (Connection db = STACK.stack().postgres().connect();
                Statement sql = db.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "SELECT table_schema, table_name FROM information_schema.tables"
                                        + " WHERE table_schema IN ('types', 'Quoted_\" . Schema')"
                                        + " ORDER BY 1, 2")) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    /** Inserts a copy of each row, the serial columns taking new values. */
    private static String copyEveryRow(Connection db, TableId table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st =
                db.prepareStatement(
                        "SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                                + " AND table_name = ? AND column_default IS NULL ORDER BY"
                                + " ordinal_position")) {
            st.setString(1, table.schema());
            st.setString(2, table.table());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(quote(rs.getString(1)));
                }
            }
        }
        String list = String.join(", ", columns);
        String name = quote(table.schema()) + "." + quote(table.table());
        return "INSERT INTO " + name + " (" + list + ") SELECT " + list + " FROM " + name;
    }

    private static Map<TableId, VerifyReport> awaitAllMatch(String lakeRoot, List<TableId> tables) {
        return await().alias("verify finds every type table equal (last reports)")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> verifyAll(lakeRoot, tables),
                        reports -> reports.values().stream().allMatch(VerifyReport::matches));
    }

    private static Map<TableId, VerifyReport> verifyAll(String lakeRoot, List<TableId> tables)
            throws Exception {
        Map<TableId, VerifyReport> reports = new LinkedHashMap<>();
        try (Connection db = STACK.stack().postgres().connect()) {
            for (TableId table : tables) {
                reports.put(table, new LakeVerifier(lakeRoot).verify(db, table));
            }
        }
        return new ReportedMap(reports);
    }

    /** Prints only the tables that do not match, so that a timeout says what differs. */
    private static final class ReportedMap extends LinkedHashMap<TableId, VerifyReport> {
        ReportedMap(Map<TableId, VerifyReport> reports) {
            super(reports);
        }

        @Override
        public String toString() {
            return entrySet().stream()
                    .filter(e -> !e.getValue().matches())
                    .map(e -> e.getKey() + ":\n" + e.getValue().render())
                    .collect(Collectors.joining("\n"));
        }
    }

    private static List<String> deadLetters(Path lake) throws IOException {
        Path folder = lake.resolve("_dead_letter");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> letters = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().startsWith(".")) {
                    letters.addAll(Files.readAllLines(file));
                }
            }
        }
        return letters;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                PostgresTypesITCase.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
