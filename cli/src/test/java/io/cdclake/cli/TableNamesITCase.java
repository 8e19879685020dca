package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.capture.TableName;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Table names as users type them, through every command that takes one: {@code load} creates each
 * table, {@code register} captures them, {@code capture list} lists them, the job writes them,
 * {@code verify} finds each equal to its table and {@code query} reads each by its view. Every
 * command reads a name as psql does ({@link PgTable#parse}): {@code Orders} is {@code
 * public.orders}, {@code "Orders"} another table, {@code public.Orders}; {@code sales.orders} is in
 * schema {@code sales}, {@code "we""ird"."na.me"} is table {@code na.me} in schema {@code we"ird},
 * and {@code select}, a keyword, is a table like any other.
 */
class TableNamesITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("names");

    private static final String LAKE_PATH = "names";

    /** As typed, to the table it names and how many rows {@code load} puts there. */
    private static final Map<String, Integer> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("Orders", 11);
        NAMES.put("\"Orders\"", 12);
        NAMES.put("sales.orders", 13);
        NAMES.put("\"we\"\"ird\".\"na.me\"", 14);
        NAMES.put("select", 15);
    }

    @Test
    void everyCommandReadsANameAsPsqlDoes() throws Exception {
        assertThat(NAMES.keySet().stream().map(PgTable::parse).distinct())
                .as("five names, five tables")
                .hasSize(NAMES.size());
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement()) {
            st.execute("CREATE SCHEMA sales");
            st.execute("CREATE SCHEMA \"we\"\"ird\"");
            st.execute("CREATE TABLE \"Mixed\" (id int)");
        }
        // Mixed is public.mixed, as in psql; a table "Mixed" exists and public.mixed does not:
        // load says so instead of creating public.mixed beside it.
        CommandRun mixed = load("Mixed", 3, 1);
        assertThat(mixed.code()).as(mixed.all()).isEqualTo(1);
        assertThat(mixed.err()).contains("--table '\"public\".\"Mixed\"'");
        assertThat(count(PgTable.of("Mixed"))).isZero();
        int seed = 1;
        for (Map.Entry<String, Integer> name : NAMES.entrySet()) {
            CommandRun load = load(name.getKey(), name.getValue(), seed++);
            assertThat(load.code()).as(name.getKey() + ": " + load.all()).isZero();
        }
        for (Map.Entry<String, Integer> name : NAMES.entrySet()) {
            assertThat(count(PgTable.parse(name.getKey())))
                    .as("rows of " + name.getKey() + " in PostgreSQL")
                    .isEqualTo(name.getValue().longValue());
        }

        String includeList =
                NAMES.keySet().stream()
                        .map(n -> TableName.parse(n).debeziumPattern())
                        .collect(Collectors.joining(","));
        CommandRun register =
                cdcLake(
                        "register",
                        "--connect-url",
                        STACK.stack().connect().restUrl().toString(),
                        "--set",
                        "table.include.list=" + includeList,
                        "--timeout",
                        "2m");
        assertThat(register.code()).as(register.all()).isZero();
        CommandRun list =
                cdcLake(
                        "capture",
                        "list",
                        "--connect-url",
                        STACK.stack().connect().restUrl().toString(),
                        "--jdbc-url",
                        STACK.stack().postgres().jdbcUrl(),
                        "--user",
                        STACK.stack().postgres().user());
        assertThat(list.code()).as(list.all()).isZero();
        for (String name : NAMES.keySet()) {
            assertThat(list.out()).as("capture list").contains(PgTable.parse(name) + ":");
        }

        JobClient job = STACK.startJob(LAKE_PATH);
        try {
            StackCommands commands = STACK.commands(LAKE_PATH);
            for (Map.Entry<String, Integer> name : NAMES.entrySet()) {
                List<CommandRun> last = new ArrayList<>();
                await().alias("verify --table " + name.getKey() + " reports a match")
                        .atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(
                                () -> {
                                    last.clear();
                                    last.add(commands.verify("--table", name.getKey()));
                                    return last.get(0).code() == 0;
                                });
                assertThat(last.get(0).out()).contains("(" + name.getValue() + " rows)");
            }
            // DuckDB matches names without regard to case: "Orders" gets a view of its own,
            // numbered after public.orders (the listing shows it).
            CommandRun listing = commands.query();
            assertThat(listing.code()).as(listing.all()).isZero();
            assertThat(listing.out()).contains("Orders__2");
            List<String> views =
                    List.of(
                            "\"public\".\"orders\"",
                            "\"public\".\"Orders__2\"",
                            "\"sales\".\"orders\"",
                            "\"we\"\"ird\".\"na.me\"",
                            "\"public\".\"select\"");
            List<String> counts = new ArrayList<>();
            for (String view : views) {
                counts.add("(SELECT count(*) FROM " + view + ")");
            }
            CommandRun query = commands.query("--sql", "SELECT " + String.join(", ", counts));
            assertThat(query.code()).as(query.all()).isZero();
            assertThat(query.out()).containsPattern("11\\s+12\\s+13\\s+14\\s+15");
        } finally {
            job.cancel().get();
        }
    }

    /** {@code ./cdc-lake load} of {@code rows} generated rows into {@code table}, as typed. */
    private static CommandRun load(String table, int rows, int seed) {
        return cdcLake(
                "load",
                "--jdbc-url",
                STACK.stack().postgres().jdbcUrl(),
                "--user",
                STACK.stack().postgres().user(),
                "--generate",
                String.valueOf(rows),
                "--seed",
                String.valueOf(seed),
                "--table",
                table,
                "--primary-key",
                "PassengerId");
    }

    private static long count(PgTable table) throws Exception {
        try (Connection db = STACK.stack().postgres().connect();
                Statement st = db.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM " + table.sql())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static CommandRun cdcLake(String... args) {
        return CommandRun.of(STACK.stack(), args);
    }
}
