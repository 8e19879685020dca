package io.cdclake.loader.load;

import static io.cdclake.loader.Queries.count;
import static io.cdclake.loader.Queries.execute;
import static io.cdclake.loader.Queries.tableExists;
import static io.cdclake.loader.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.schema.TableSetup.PublicationChange;
import io.cdclake.postgres.PgTable;
import io.cdclake.stack.testing.StackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CsvLoaderITCase {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("csv-loader", b -> b.postgres());

    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        connection = STACK.postgres().connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    private static LoadOptions into(String table) {
        return LoadOptions.into(PgTable.of(table)).withProgress(Progress.NEVER, System.err);
    }

    private static final String HEADER = "id,name,age,note\n";

    @Test
    void loadsTheBundledTitanicFileAsItIs() throws Exception {
        LoadResult result =
                CsvLoader.load(
                        connection,
                        CsvSource.classpath(TitanicSchema.SAMPLE_RESOURCE),
                        into("titanic").withPrimaryKey(List.of("PassengerId")));

        assertThat(result.rowsLoaded()).isEqualTo(891);
        assertThat(result.badRowCount()).isZero();
        assertThat(result.tableCreated()).isTrue();
        assertThat(result.columns()).isEqualTo(TitanicSchema.COLUMNS);
        assertThat(result.publication()).isNotEqualTo(PublicationChange.ALREADY_COVERED);
        assertThat(count(connection, "titanic")).isEqualTo(891);
        assertThat(value(connection, "SELECT \"Name\" FROM titanic WHERE \"PassengerId\" = 2"))
                .isEqualTo("Cumings, Mrs. John Bradley (Florence Briggs Thayer)");
        assertThat(value(connection, "SELECT \"Fare\" FROM titanic WHERE \"PassengerId\" = 2"))
                .isEqualTo(new BigDecimal("71.2833"));
        assertThat(value(connection, "SELECT \"Name\" FROM titanic WHERE \"PassengerId\" = 102"))
                .isEqualTo("Petroff, Mr. Pastcho (\"Pentcho\")");
        assertThat(value(connection, "SELECT \"Age\" FROM titanic WHERE \"PassengerId\" = 6"))
                .isNull();
        // Totals of the public data set: 177 unknown ages, 687 unknown cabins, 2 unknown ports, 342
        // survivors.
        assertThat(count(connection, "titanic WHERE \"Age\" IS NULL")).isEqualTo(177);
        assertThat(count(connection, "titanic WHERE \"Cabin\" IS NULL")).isEqualTo(687);
        assertThat(count(connection, "titanic WHERE \"Embarked\" IS NULL")).isEqualTo(2);
        assertThat(value(connection, "SELECT sum(\"Survived\") FROM titanic")).isEqualTo(342L);
        assertThat(value(connection, "SELECT sum(\"Fare\") FROM titanic"))
                .isEqualTo(new BigDecimal("28693.9493"));
        assertThat(value(connection, "SELECT sum(\"Age\") FROM titanic"))
                .isEqualTo(new BigDecimal("21205.17"));
        assertThat(
                        value(
                                connection,
                                "SELECT string_agg(data_type, ',' ORDER BY ordinal_position) FROM"
                                    + " information_schema.columns WHERE table_name = 'titanic'"))
                .isEqualTo(
                        "integer,integer,integer,text,text,numeric,integer,integer,text,numeric,text,text");
        assertThat(
                        value(
                                connection,
                                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid"
                                    + " = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid"
                                    + " = '\"titanic\"'::regclass AND i.indisprimary"))
                .isEqualTo("PassengerId");
        assertThat(
                        value(
                                connection,
                                "SELECT relreplident FROM pg_class WHERE oid ="
                                        + " '\"titanic\"'::regclass"))
                .isEqualTo("f");
        assertThat(
                        count(
                                connection,
                                "pg_publication_tables WHERE pubname = 'cdc_lake' AND schemaname ="
                                        + " 'public' AND tablename = 'titanic'"))
                .isEqualTo(1);
    }

    @Test
    void addsTheTableToAPublicationThatExistsAndLeavesItAloneTheSecondTime() throws Exception {
        execute(connection, "CREATE TABLE other (id int)");
        execute(connection, "CREATE PUBLICATION pub_existing FOR TABLE other");
        CsvSource csv = CsvSource.text("people.csv", HEADER + "1,Ann,30,x\n");

        LoadResult first =
                CsvLoader.load(
                        connection,
                        csv,
                        into("pub_people")
                                .withPublication("pub_existing")
                                .withPrimaryKey(List.of("id")));
        execute(connection, "DELETE FROM pub_people");
        LoadResult second =
                CsvLoader.load(connection, csv, into("pub_people").withPublication("pub_existing"));

        LoadResult fresh =
                CsvLoader.load(connection, csv, into("pub_fresh").withPublication("pub_fresh"));
        assertThat(fresh.publication()).isEqualTo(PublicationChange.CREATED);
        assertThat(
                        value(
                                connection,
                                "SELECT string_agg(tablename, ',') FROM pg_publication_tables WHERE"
                                        + " pubname = 'pub_fresh'"))
                .isEqualTo("pub_fresh");
        assertThat(first.publication()).isEqualTo(PublicationChange.TABLE_ADDED);
        assertThat(second.publication()).isEqualTo(PublicationChange.ALREADY_COVERED);
        assertThat(second.tableCreated()).isFalse();
        assertThat(
                        value(
                                connection,
                                "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM"
                                        + " pg_publication_tables WHERE pubname = 'pub_existing'"))
                .isEqualTo("other,pub_people");
    }

    @Test
    void aBadValueStopsTheLoadNamesLineAndColumnAndLeavesTheTableAsItWas() throws Exception {
        CsvLoader.load(
                connection,
                CsvSource.text("good.csv", HEADER + "1,Ann,30,x\n2,Bob,40,y\n3,Cy,50,z\n"),
                into("stable").withPrimaryKey(List.of("id")));
        String bad = HEADER + "4,Dee,60,\"two\nlines\"\n5,Eve,sixty,w\n6,Fay,70,v\n";

        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection, CsvSource.text("bad.csv", bad), into("stable")))
                .isInstanceOfSatisfying(
                        LoadException.class,
                        e -> {
                            assertThat(e.badRow())
                                    .contains(
                                            new BadRow(4, "age", "'sixty' is not a valid integer"));
                            assertThat(e.getMessage())
                                    .isEqualTo(
                                            "line 4, column age: 'sixty' is not a valid integer");
                        });
        assertThat(count(connection, "stable")).isEqualTo(3);
        assertThat(count(connection, "stable WHERE id > 3")).isZero();
    }

    @Test
    void aRecordWithTooFewFieldsStopsTheLoadAndTheNewTableIsNotCreated() throws Exception {
        String bad = HEADER + "1,Ann,30,x\n2,Bob,40\n";

        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("short.csv", bad),
                                        into("never_created").withPublication("never_pub")))
                .isInstanceOfSatisfying(
                        LoadException.class,
                        e -> {
                            BadRow row = e.badRow().orElseThrow();
                            assertThat(row.line()).isEqualTo(3);
                            assertThat(row.column()).isEqualTo("note");
                            assertThat(row.reason()).contains("3 fields, the header 4");
                        });
        assertThat(tableExists(connection, "never_created")).isFalse();
        assertThat(count(connection, "pg_publication WHERE pubname = 'never_pub'")).isZero();
    }

    @Test
    void badQuotingAfterAMultiLineRecordNamesTheRightLine() throws Exception {
        String bad = HEADER + "1,Ann,30,\"multi\nline\nnote\"\n2,Bob,40,\"say\" hi\n";

        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("quotes.csv", bad),
                                        into("quotes")))
                .isInstanceOfSatisfying(
                        LoadException.class,
                        e ->
                                assertThat(e.badRow().orElseThrow())
                                        .isEqualTo(
                                                new BadRow(
                                                        5,
                                                        null,
                                                        "unexpected text after a closing quote"
                                                            + " (quote the whole field and double"
                                                            + " any quote inside it)")));
        assertThat(tableExists(connection, "quotes")).isFalse();
    }

    @Test
    void skipBadRowsLoadsTheRestAndReportsWhatItSkipped() throws Exception {
        String csv =
                HEADER
                        + "1,Ann,30,ok\n"
                        + "2,Bob,forty,bad age\n"
                        + "3,Cy,50,\"fine,\n with a line break\"\n"
                        + "4,Dee,60\n"
                        + "5,Eve,70,ok,extra\n"
                        + "6,Fay,80,\"bro\"ken\n"
                        + "7,Gus,,null age\n";

        // Inference would make age text because of "forty"; the type is given as a user would.
        LoadResult result =
                CsvLoader.load(
                        connection,
                        CsvSource.text("mixed.csv", csv),
                        into("skipping").withSkipBadRows(true).withType("age", "integer"));

        assertThat(result.rowsLoaded()).isEqualTo(3);
        assertThat(result.badRowCount()).isEqualTo(4);
        assertThat(result.badRows()).extracting(BadRow::line).containsExactly(3L, 6L, 7L, 8L);
        assertThat(result.badRows())
                .extracting(BadRow::column)
                .containsExactly("age", "note", null, null);
        assertThat(count(connection, "skipping")).isEqualTo(3);
        assertThat(value(connection, "SELECT string_agg(id::text, ',' ORDER BY id) FROM skipping"))
                .isEqualTo("1,3,7");
        assertThat(value(connection, "SELECT note FROM skipping WHERE id = 3"))
                .isEqualTo("fine,\n with a line break");
        assertThat(value(connection, "SELECT age FROM skipping WHERE id = 7")).isNull();
    }

    @Test
    void errorsOnlyPostgresSeesAreMappedBackToTheFileLine() throws Exception {
        String csv = HEADER + "1,Ann,30,\"a\nb\"\n2,Bob,40,ok\n1,Cy,50,duplicate id\n";

        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("dupes.csv", csv),
                                        into("dupes").withPrimaryKey(List.of("id"))))
                .isInstanceOfSatisfying(
                        LoadException.class,
                        e -> {
                            BadRow row = e.badRow().orElseThrow();
                            assertThat(row.line()).isEqualTo(5);
                            assertThat(row.reason()).contains("duplicate key").contains("(id)=(1)");
                        });
        assertThat(tableExists(connection, "dupes")).isFalse();

        String tooLong = HEADER + "1,Ann,30,\"a\nb\"\n2,Bobbington,40,ok\n";
        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("long.csv", tooLong),
                                        into("short_names").withType("name", "varchar(5)")))
                .isInstanceOfSatisfying(
                        LoadException.class,
                        e -> {
                            BadRow row = e.badRow().orElseThrow();
                            assertThat(row.line()).isEqualTo(4);
                            assertThat(row.column()).isEqualTo("name");
                            assertThat(row.reason()).contains("too long");
                        });
    }

    @Test
    void explicitTypesWinOverInference() throws Exception {
        String csv = HEADER + "1,Ann,30,2024-01-01\n2,Bob,,2024-02-01\n";

        LoadResult result =
                CsvLoader.load(
                        connection,
                        CsvSource.text("typed.csv", csv),
                        into("typed").withType("age", "numeric(5,1)").withType("id", "bigint"));

        assertThat(result.columns())
                .extracting(Object::toString)
                .containsExactly("id bigint", "name text", "age numeric(5,1)", "note date");
        assertThat(
                        value(
                                connection,
                                "SELECT string_agg(format_type(atttypid, atttypmod), ',' ORDER BY"
                                        + " attnum) FROM pg_attribute WHERE attrelid ="
                                        + " '\"typed\"'::regclass AND attnum > 0"))
                .isEqualTo("bigint,text,numeric(5,1),date");
        assertThat(value(connection, "SELECT age FROM typed WHERE id = 1"))
                .isEqualTo(new BigDecimal("30.0"));
    }

    @Test
    void anExistingTableDecidesTypesAndColumnOrder() throws Exception {
        execute(
                connection,
                "CREATE TABLE existing (note text, id int PRIMARY KEY, age smallint, name text,"
                        + " extra text DEFAULT 'd')");
        String csv = "ID,Name,age,note\n1,Ann,30,x\n2,Bob,40000,y\n";

        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("order.csv", csv),
                                        into("existing")))
                .isInstanceOfSatisfying(
                        LoadException.class,
                        e ->
                                assertThat(e.badRow())
                                        .contains(
                                                new BadRow(
                                                        3,
                                                        "age",
                                                        "'40000' is not a valid smallint")));

        LoadResult result =
                CsvLoader.load(
                        connection,
                        CsvSource.text("order.csv", csv.replace("40000", "40")),
                        into("existing").withPrimaryKey(List.of("id")));
        assertThat(result.tableCreated()).isFalse();
        assertThat(result.warnings()).singleElement().asString().contains("primary key option");
        assertThat(
                        value(
                                connection,
                                "SELECT name || '/' || age || '/' || note || '/' || extra FROM"
                                        + " existing WHERE id = 2"))
                .isEqualTo("Bob/40/y/d");
        assertThat(
                        value(
                                connection,
                                "SELECT relreplident FROM pg_class WHERE oid ="
                                        + " 'existing'::regclass"))
                .isEqualTo("f");
    }

    @Test
    void typesComeFromTheSampleSoALaterMisfitIsReportedWithAHint() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 20; i++) {
            csv.append(i)
                    .append(",n")
                    .append(i)
                    .append(',')
                    .append(i == 15 ? "15.5" : Integer.toString(i))
                    .append(",x\n");
        }
        CsvSource source = CsvSource.text("late.csv", csv.toString());

        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        source,
                                        into("late").withInferenceSampleRows(10)))
                .isInstanceOfSatisfying(
                        LoadException.class,
                        e ->
                                assertThat(e.badRow())
                                        .contains(
                                                new BadRow(
                                                        16,
                                                        "age",
                                                        "'15.5' is not a valid integer")));
        assertThat(
                        CsvLoader.load(connection, source, into("late").withInferenceSampleRows(20))
                                .rowsLoaded())
                .isEqualTo(20);
    }

    @Test
    void headerProblemsAreReported() {
        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection, CsvSource.text("empty.csv", ""), into("h1")))
                .hasMessageContaining("empty.csv is empty");
        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("dup.csv", "a,b,a\n1,2,3\n"),
                                        into("h2")))
                .hasMessage("line 1, column a: header: the column name appears twice");
        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("key.csv", "a,b\n1,2\n"),
                                        into("h3").withPrimaryKey(List.of("id"))))
                .hasMessageContaining("primary key column id is not in the CSV header");
        assertThatThrownBy(
                        () ->
                                CsvLoader.load(
                                        connection,
                                        CsvSource.text("type.csv", "a,b\n1,2\n"),
                                        into("h4").withType("c", "int")))
                .hasMessageContaining("column c, which is not in the CSV header");
    }

    @Test
    void progressIsDrawnOnlyWhenAskedAndOnlyForLongLoads() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CsvLoader.load(
                connection,
                CsvSource.classpath(TitanicSchema.SAMPLE_RESOURCE),
                into("quick").withProgress(Progress.ALWAYS, stream));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
