package io.cdclake.cli.query;

import static io.cdclake.job.testing.DebeziumEvents.Field;
import static io.cdclake.job.testing.DebeziumEvents.Kind;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.cli.CommandRun;
import io.cdclake.cli.Main;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.DebeziumEvents;
import io.cdclake.job.testing.JobWrittenLake;
import io.cdclake.stack.Dirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./cdc-lake query} over a lake written by the job's decoder and writers: the current state,
 * the changes, time travel, exports, and the printed view definitions run in a DuckDB of their own.
 */
class QueryCommandITCase {

    private static final List<Field> CUSTOMER_FIELDS =
            List.of(
                    Field.key("id", Kind.INT64),
                    Field.of("name", Kind.STRING),
                    Field.of("city", Kind.STRING));

    /** A schema with a space and a table whose name holds quotes and a dot. */
    private static final String ODD_SCHEMA = "sales dept";

    private static final String ODD_TABLE = "order \"lines\".v2";

    private static final Instant SNAPSHOT_TIME = Instant.parse("2026-11-23T22:00:00Z");
    private static final Instant CHANGES_TIME = Instant.parse("2026-11-24T08:00:00Z");

    private static Path workDir;
    private static JobWrittenLake lake;

    @BeforeAll
    static void writeLake() throws Exception {
        workDir = Files.createTempDirectory("cdc-lake-query-it");
        lake = new JobWrittenLake(workDir.resolve("lake"));
        DebeziumEvents customers = new DebeziumEvents("public", "customers", CUSTOMER_FIELDS);
        customers.at(SNAPSHOT_TIME);
        Map<String, Object> braund = row(1, "Braund, Mr. Owen Harris", "Southampton");
        Map<String, Object> cumings = row(2, "Cumings, Mrs. John Bradley", "Cherbourg");
        Map<String, Object> heikkinen = row(3, "Heikkinen, Miss. Laina", "Southampton");
        lake.write(customers.snapshot(List.of(braund, cumings, heikkinen)));
        customers.at(CHANGES_TIME);
        List<KafkaChange> changes = new ArrayList<>();
        // The tutorial's update and delete, with REPLICA IDENTITY FULL's before images.
        changes.add(customers.update(cumings, row(2, "Cris", "Cherbourg")));
        changes.add(customers.delete(heikkinen));
        changes.add(customers.insert(row(4, "Allen, Mr. William Henry", null)));
        lake.write(changes);

        DebeziumEvents odd =
                new DebeziumEvents(
                        ODD_SCHEMA,
                        ODD_TABLE,
                        List.of(Field.key("line no", Kind.INT32), Field.of("Item", Kind.STRING)));
        odd.at(SNAPSHOT_TIME);
        lake.write(
                List.of(
                        odd.insert(Map.of("line no", 1, "Item", "rope")),
                        odd.insert(Map.of("line no", 2, "Item", "lamp"))));
    }

    @AfterAll
    static void deleteLake() throws Exception {
        Dirs.deleteRecursively(workDir);
    }

    private static Map<String, Object> row(long id, String name, String city) {
        Map<String, Object> row = new java.util.HashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("city", city);
        return row;
    }

    private static CommandRun query(String... args) {
        List<String> all = new ArrayList<>(List.of("query", "--lake", lake.dir().toString()));
        all.addAll(List.of(args));
        return CommandRun.of(Map.of(), all.toArray(new String[0]));
    }

    private static CommandRun ok(String... args) {
        CommandRun run = query(args);
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        return run;
    }

    @Test
    void withoutSqlItListsTheTablesTheirRowsAndLastCommit() {
        String out = ok().out();
        assertThat(out)
                .containsPattern("public\\.customers\\s+postgres\\s+3\\s+2026-11-24T08:00:02Z")
                .containsPattern(
                        "\"sales dept\"\\.\"order"
                                + " \"\"lines\"\"\\.v2\"\\s+postgres\\s+2\\s+2026-11-23T22:00:01Z")
                .contains("(2 rows)");
    }

    @Test
    void theTableViewIsTheCurrentStateAfterTheUpdateAndDelete() {
        String out = ok("--sql", "SELECT id, name, city FROM public.customers ORDER BY id").out();
        assertThat(out.lines().toList())
                .containsExactly(
                        "id  name                      city",
                        "--  ------------------------  -----------",
                        " 1  Braund, Mr. Owen Harris   Southampton",
                        " 2  Cris                      Cherbourg",
                        " 4  Allen, Mr. William Henry  NULL",
                        "(3 rows)");
    }

    @Test
    void theChangesViewHoldsEveryChangeRowWithItsMetadata() {
        String out =
                ok(
                                "--sql",
                                "SELECT _op, _image, name FROM public.customers__changes WHERE id"
                                        + " = 2 ORDER BY _lsn, _image DESC")
                        .out();
        assertThat(out.lines().skip(2).map(line -> line.replaceAll(" {2,}", " | ")).toList())
                .containsExactly(
                        "r | after | Cumings, Mrs. John Bradley",
                        "u | before | Cumings, Mrs. John Bradley",
                        "u | after | Cris",
                        "(3 rows)");
    }

    @Test
    void asOfATimeOrAnLsnBeforeTheUpdateShowsTheOldName() throws Exception {
        String sql = "SELECT id, name FROM public.customers ORDER BY id";
        assertThat(ok("--as-of", "2026-11-24T07:00:00Z", "--sql", sql).out())
                .contains(" 2  Cumings, Mrs. John Bradley")
                .contains(" 3  Heikkinen, Miss. Laina")
                .contains("(3 rows)");
        assertThat(ok("--as-of", "2026-11-24T08:00:01Z", "--sql", sql).out())
                .contains(" 2  Cris")
                .doesNotContain("Heikkinen")
                .doesNotContain("Allen");

        Path lsnFile = workDir.resolve("update-lsn.csv");
        ok(
                "--sql",
                "SELECT _lsn FROM public.customers__changes WHERE _op = 'u' AND _image = 'after'",
                "--output",
                lsnFile.toString());
        long updateLsn = Long.parseLong(Files.readAllLines(lsnFile).get(1).trim());
        assertThat(ok("--as-of-lsn", String.valueOf(updateLsn - 1), "--sql", sql).out())
                .contains(" 2  Cumings, Mrs. John Bradley")
                .doesNotContain("Cris");
        assertThat(ok("--as-of-lsn", String.valueOf(updateLsn), "--sql", sql).out())
                .contains(" 2  Cris")
                .contains(" 3  Heikkinen");
        assertThat(ok("--as-of-lsn", String.valueOf(updateLsn)).out())
                .containsPattern("public\\.customers\\s+postgres\\s+3\\s+2026-11-24T08:00:00Z");
    }

    @Test
    void aResultIsExportedAsCsvJsonOrParquet() throws Exception {
        String sql = "SELECT id, name, city FROM public.customers ORDER BY id";
        Path csv = workDir.resolve("export/customers.csv");
        Files.createDirectories(csv.getParent());
        assertThat(ok("--sql", sql, "--output", csv.toString()).out())
                .contains("wrote 3 rows to " + csv);
        assertThat(Files.readAllLines(csv))
                .containsExactly(
                        "id,name,city",
                        "1,\"Braund, Mr. Owen Harris\",Southampton",
                        "2,Cris,Cherbourg",
                        "4,\"Allen, Mr. William Henry\",");

        Path json = workDir.resolve("export/customers.data");
        ok("--sql", sql, "--format", "json", "--output", json.toString());
        assertThat(Files.readAllLines(json))
                .containsExactly(
                        "{\"id\":1,\"name\":\"Braund, Mr. Owen Harris\",\"city\":\"Southampton\"}",
                        "{\"id\":2,\"name\":\"Cris\",\"city\":\"Cherbourg\"}",
                        "{\"id\":4,\"name\":\"Allen, Mr. William Henry\",\"city\":null}");

        Path parquet = workDir.resolve("export/customers.parquet");
        ok("--sql", sql + ";", "--output", parquet.toString());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT string_agg(id || ':' || name, '|' ORDER BY id) FROM"
                                        + " read_parquet('"
                                        + parquet
                                        + "')")) {
            rs.next();
            assertThat(rs.getString(1))
                    .isEqualTo("1:Braund, Mr. Owen Harris|2:Cris|4:Allen, Mr. William Henry");
        }
    }

    /** The README's compaction: the current state copied to one Parquet file by DuckDB's COPY. */
    @Test
    void aCopyStatementWritesTheCurrentStateToOneFile() throws Exception {
        Path snapshot = workDir.resolve("customers-snapshot.parquet");
        CommandRun run =
                ok(
                        "--sql",
                        "COPY (SELECT * FROM public.customers) TO '"
                                + snapshot
                                + "' (FORMAT parquet)");
        assertThat(run.out()).isEqualTo("OK (3 rows)\n");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duck.createStatement();
                ResultSet rs =
                        statement.executeQuery(
                                "SELECT count(*), max(name) FILTER (WHERE id = 2) FROM"
                                        + " read_parquet('"
                                        + snapshot
                                        + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
            assertThat(rs.getString(2)).isEqualTo("Cris");
        }
    }

    @Test
    void namesWithSpacesQuotesAndDotsAreViewsToo() {
        String out =
                ok(
                                "--sql",
                                "SELECT \"line no\", \"Item\" FROM \"sales dept\".\"order"
                                        + " \"\"lines\"\".v2\" ORDER BY 1")
                        .out();
        assertThat(out).contains("1  rope").contains("2  lamp").contains("(2 rows)");
    }

    /**
     * The printed DuckDB views, run in a DuckDB of their own, answer exactly what {@code query}
     * answers, now and as of a commit.
     */
    @Test
    void thePrintedDuckdbViewsAnswerWhatQueryAnswers() throws Exception {
        for (List<String> asOf :
                List.of(List.<String>of(), List.of("--as-of", "2026-11-24T07:00:00Z"))) {
            List<String> printArgs = new ArrayList<>(asOf);
            printArgs.addAll(List.of("--print-views", "duckdb"));
            String views = ok(printArgs.toArray(new String[0])).out();
            assertThat(views)
                    .contains("CREATE OR REPLACE VIEW \"public\".\"customers\"")
                    .contains("CREATE OR REPLACE VIEW \"public\".\"customers__changes\"")
                    .contains(lake.dir().toAbsolutePath().toString());
            for (String view :
                    List.of(
                            "public.customers",
                            "public.customers__changes",
                            "\"sales dept\".\"order \"\"lines\"\".v2\"")) {
                String sql = "SELECT * FROM " + view + " ORDER BY ALL";
                Path fromQuery = workDir.resolve("from-query.csv");
                List<String> args = new ArrayList<>(asOf);
                args.addAll(List.of("--sql", sql, "--output", fromQuery.toString()));
                ok(args.toArray(new String[0]));
                Path fromViews = workDir.resolve("from-views.csv");
                try (Connection fresh = DriverManager.getConnection("jdbc:duckdb:");
                        Statement statement = fresh.createStatement()) {
                    for (String statementText : views.split(";\n")) {
                        if (!statementText
                                .lines()
                                .allMatch(l -> l.isBlank() || l.startsWith("--"))) {
                            statement.execute(statementText);
                        }
                    }
                    statement.execute(
                            "COPY (" + sql + ") TO '" + fromViews + "' (FORMAT csv, HEADER true)");
                }
                assertThat(Files.readAllLines(fromViews))
                        .as(view + " " + asOf)
                        .hasSizeGreaterThan(1)
                        .isEqualTo(Files.readAllLines(fromQuery));
            }
        }
    }

    @Test
    void theSparkViewsMergeSchemasAndQuoteNamesWithBackticks() {
        String views = ok("--print-views", "spark").out();
        assertThat(views)
                .contains("mergeSchema")
                .contains("CREATE DATABASE IF NOT EXISTS `sales dept`")
                .contains("CREATE OR REPLACE VIEW `public`.`customers`")
                .contains("CREATE OR REPLACE VIEW `sales dept`.`order \"lines\".v2__changes`")
                .contains("file://" + lake.dir().toAbsolutePath());
    }

    @Test
    void aFailingStatementExitsWithOneAndTheEnginesMessage() {
        CommandRun run = query("--sql", "SELECT nope FROM public.customers");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("query: ").contains("nope");
    }

    @Test
    void aFolderWithoutTablesIsAFailureThatSaysWhereItLooked() throws Exception {
        Path empty = Files.createDirectories(workDir.resolve("empty"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                Main.run(
                        new String[] {"query", "--lake", empty.toString()},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no tables in the lake")
                .contains("/parquet/<source>/<schema>.<table>/dt=*/");
    }
}
