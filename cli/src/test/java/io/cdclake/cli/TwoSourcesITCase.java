package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.TableId;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two databases of one PostgreSQL server, each with its own {@code public.customers} (different
 * columns, overlapping keys), captured by two connectors ({@code topic.prefix} {@code main} and
 * {@code shop}) and written by one job into one lake. Each source's table has a folder of its own,
 * {@code verify} with {@code --source} finds each equal to its database, {@code verify} without it
 * refuses to guess, and {@code query} shows both tables side by side.
 */
class TwoSourcesITCase {

    @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("sources");

    private static final String LAKE_PATH = "sources";

    @Test
    void twoDatabasesWithTheSameTableNamesKeepTheirOwnFolders() throws Exception {
        try (Connection main = STACK.stack().postgres().connect();
                Statement st = main.createStatement()) {
            st.execute("CREATE DATABASE shop");
            st.execute("CREATE TABLE customers (id int PRIMARY KEY, name text, email text)");
            st.execute(
                    "INSERT INTO customers SELECT i, 'main ' || i, i || '@main.example'"
                            + " FROM generate_series(1, 300) i");
        }
        try (Connection shop = connectShop();
                Statement st = shop.createStatement()) {
            st.execute("CREATE TABLE customers (id int PRIMARY KEY, name text, tier int)");
            st.execute(
                    "INSERT INTO customers SELECT i, 'shop ' || i, i % 3"
                            + " FROM generate_series(1, 200) i");
        }
        ConnectorRegistrar registrar = new ConnectorRegistrar(STACK.stack().connect().restUrl());
        registrar.register(
                ConnectorConfig.load()
                        .withName("cdc-lake-main")
                        .with("topic.prefix", "main")
                        .with("slot.name", "cdc_lake_main")
                        .with("publication.name", "cdc_lake_main")
                        .with("table.include.list", "public.customers"),
                Duration.ofMinutes(2));
        registrar.register(
                ConnectorConfig.load()
                        .withName("cdc-lake-shop")
                        .with("topic.prefix", "shop")
                        .with("database.dbname", "shop")
                        .with("slot.name", "cdc_lake_shop")
                        .with("publication.name", "cdc_lake_shop")
                        .with("table.include.list", "public.customers"),
                Duration.ofMinutes(2));
        JobClient job =
                STACK.startJob(
                        LAKE_PATH, "kafka.topic-pattern", "(main|shop)\\.public\\.customers");
        try {
            try (Connection main = STACK.stack().postgres().connect();
                    Statement st = main.createStatement()) {
                st.execute("UPDATE customers SET email = 'new@main.example' WHERE id <= 20");
                st.execute("DELETE FROM customers WHERE id BETWEEN 290 AND 300");
                st.execute("INSERT INTO customers VALUES (1000, 'main late', NULL)");
            }
            try (Connection shop = connectShop();
                    Statement st = shop.createStatement()) {
                st.execute("UPDATE customers SET tier = 9 WHERE id <= 50");
                st.execute("DELETE FROM customers WHERE id BETWEEN 1 AND 5");
                st.execute("INSERT INTO customers VALUES (2000, 'shop late', 1)");
            }
            TableId mainCustomers = new TableId("main", "public", "customers");
            TableId shopCustomers = new TableId("shop", "public", "customers");
            VerifyReport mainReport = awaitMatch(mainCustomers, STACK.stack().postgres()::connect);
            assertThat(mainReport.databaseRows()).isEqualTo(290);
            VerifyReport shopReport = awaitMatch(shopCustomers, TwoSourcesITCase::connectShop);
            assertThat(shopReport.databaseRows()).isEqualTo(196);

            // Each source's table in a folder of its own, in both formats.
            for (String format : List.of("parquet", "csv")) {
                for (String source : List.of("main", "shop")) {
                    assertThat(
                                    StackLake.store(STACK.stack().s3())
                                            .list(
                                                    lakeRoot()
                                                            + "/"
                                                            + format
                                                            + "/"
                                                            + source
                                                            + "/public.customers"))
                            .as(format + " files of " + source)
                            .isNotEmpty();
                }
            }

            // The command line, as a user runs it.
            CommandRun shopVerify =
                    verify(shopJdbcUrl(), "--table", "public.customers", "--source", "shop");
            assertThat(shopVerify.code()).as(shopVerify.all()).isZero();
            assertThat(shopVerify.out()).contains("OK");
            CommandRun unnamed =
                    verify(STACK.stack().postgres().jdbcUrl(), "--table", "public.customers");
            assertThat(unnamed.code()).as(unnamed.all()).isNotZero();
            assertThat(unnamed.all()).contains("several sources").contains("main, shop");

            CommandRun listing = query();
            assertThat(listing.code()).as(listing.all()).isZero();
            assertThat(listing.out())
                    .contains("main__public.customers")
                    .contains("shop__public.customers");
            CommandRun counts =
                    query(
                            "--sql",
                            "SELECT (SELECT count(*) FROM main__public.customers) AS main_rows,"
                                    + " (SELECT count(*) FROM shop__public.customers) AS shop_rows,"
                                    + " (SELECT max(tier) FROM shop__public.customers) AS top_tier,"
                                    + " (SELECT count(DISTINCT _source_db) FROM"
                                    + " shop__public.customers__changes) AS databases,"
                                    + " (SELECT min(_source_db) FROM"
                                    + " shop__public.customers__changes) AS db");
            assertThat(counts.code()).as(counts.all()).isZero();
            assertThat(counts.out()).containsPattern("290\\s+196\\s+9\\s+1\\s+shop");
        } finally {
            job.cancel().get();
        }
    }

    private static VerifyReport awaitMatch(TableId table, ConnectionSource database)
            throws Exception {
        List<String> last = new ArrayList<>();
        return await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            try (Connection db = database.connect()) {
                                VerifyReport report =
                                        new LakeVerifier(lakeRoot())
                                                .tempDir(STACK.workDir())
                                                .s3(StackLake.access(STACK.stack().s3()))
                                                .verify(db, table);
                                last.clear();
                                last.add(report.render());
                                return report;
                            }
                        },
                        VerifyReport::matches);
    }

    private interface ConnectionSource {
        Connection connect() throws SQLException;
    }

    private static String shopJdbcUrl() {
        String url = STACK.stack().postgres().jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + "shop";
    }

    private static Connection connectShop() throws SQLException {
        return DriverManager.getConnection(
                shopJdbcUrl(),
                STACK.stack().postgres().user(),
                STACK.stack().postgres().password());
    }

    private static String lakeRoot() {
        return STACK.lakeRoot(LAKE_PATH);
    }

    private static CommandRun verify(String jdbcUrl, String... table) {
        return commands().verifyAt(jdbcUrl, table);
    }

    private static CommandRun query(String... extra) {
        return commands().query(extra);
    }

    private static StackCommands commands() {
        return STACK.commands(LAKE_PATH);
    }
}
