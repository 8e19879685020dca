package io.cdclake.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static final Set<String> VALUED = Set.of("table", "type", "count", "jdbc-url", "user", "password-env", "password-file");
    private static final Set<String> FLAGS = Set.of("sample");

    @Test
    void readsSpaceAndEqualsFormsFlagsAndRepeats() throws Exception {
        Args args = Args.parse(new String[] {"--table", "t", "--type=Age=numeric", "--type", "Fare=numeric(10,4)", "--sample",
            "--count", "1_000"}, VALUED, FLAGS);

        assertThat(args.required("table")).isEqualTo("t");
        assertThat(args.values("type")).containsExactly("Age=numeric", "Fare=numeric(10,4)");
        assertThat(args.flag("sample")).isTrue();
        assertThat(args.longValue("count", 0)).isEqualTo(1000);
        assertThat(args.value("user")).isEmpty();
    }

    @Test
    void rejectsPasswordsUnknownOptionsMissingValuesAndRepeats() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--password", "secret"}, VALUED, FLAGS))
                .isInstanceOf(UsageException.class).hasMessageContaining("--password-env");
        assertThatThrownBy(() -> Args.parse(new String[] {"--password=secret"}, VALUED, FLAGS))
                .isInstanceOf(UsageException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Args.parse(new String[] {"--tabel", "t"}, VALUED, FLAGS))
                .hasMessage("unknown option --tabel");
        assertThatThrownBy(() -> Args.parse(new String[] {"--table"}, VALUED, FLAGS)).hasMessage("--table needs a value");
        assertThatThrownBy(() -> Args.parse(new String[] {"--table", "--sample"}, VALUED, FLAGS)).hasMessage("--table needs a value");
        assertThatThrownBy(() -> Args.parse(new String[] {"--sample=yes"}, VALUED, FLAGS)).hasMessage("--sample takes no value");
        assertThatThrownBy(() -> Args.parse(new String[] {"stray"}, VALUED, FLAGS)).hasMessageContaining("unexpected argument 'stray'");
        assertThatThrownBy(() -> Args.parse(new String[] {"--table", "a", "--table", "b"}, VALUED, FLAGS).required("table"))
                .hasMessage("--table is given more than once");
        assertThatThrownBy(() -> Args.parse(new String[] {"--count", "ten"}, VALUED, FLAGS).longValue("count", 0))
                .hasMessage("--count must be a whole number, not 'ten'");
    }

    @Test
    void durations() throws Exception {
        assertThat(Args.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Args.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Args.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Args.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Args.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Args.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        for (String bad : List.of("", "s", "5x", "fast", "1.5m")) {
            assertThatThrownBy(() -> Args.parseDuration(bad)).isInstanceOf(UsageException.class);
        }
    }

    @Test
    void passwordComesFromTheEnvironmentOrAFileNeverTheCommandLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String[] base = {"--jdbc-url", "jdbc:postgresql://localhost:5432/db", "--user", "u"};
        assertThat(ConnectionOptions.from(Args.parse(base, VALUED, FLAGS), Map.of("PGPASSWORD", "p1")).password()).isEqualTo("p1");
        assertThat(ConnectionOptions.from(Args.parse(base, VALUED, FLAGS), Map.of()).password()).isNull();
        String[] env = {"--jdbc-url", "jdbc:postgresql://localhost/db", "--user", "u", "--password-env", "DB_PW"};
        assertThat(ConnectionOptions.from(Args.parse(env, VALUED, FLAGS), Map.of("DB_PW", "p2")).password()).isEqualTo("p2");
        assertThatThrownBy(() -> ConnectionOptions.from(Args.parse(env, VALUED, FLAGS), Map.of("PGPASSWORD", "p1")))
                .hasMessageContaining("DB_PW");

        java.nio.file.Path file = dir.resolve("db.properties");
        java.nio.file.Files.writeString(file, "# local\npassword=p3\n");
        String[] fromFile = {"--jdbc-url", "jdbc:postgresql://localhost/db", "--user", "u", "--password-file", file.toString()};
        assertThat(ConnectionOptions.from(Args.parse(fromFile, VALUED, FLAGS), Map.of()).password()).isEqualTo("p3");
        java.nio.file.Files.writeString(file, "user=u\n");
        assertThatThrownBy(() -> ConnectionOptions.from(Args.parse(fromFile, VALUED, FLAGS), Map.of()))
                .hasMessageContaining("no 'password' property");

        String[] noUser = {"--jdbc-url", "jdbc:postgresql://localhost/db"};
        assertThat(ConnectionOptions.from(Args.parse(noUser, VALUED, FLAGS), Map.of("PGUSER", "env-user")).user()).isEqualTo("env-user");
        assertThatThrownBy(() -> ConnectionOptions.from(Args.parse(noUser, VALUED, FLAGS), Map.of())).hasMessageContaining("--user");
        String[] notPostgres = {"--jdbc-url", "jdbc:mysql://localhost/db", "--user", "u"};
        assertThatThrownBy(() -> ConnectionOptions.from(Args.parse(notPostgres, VALUED, FLAGS), Map.of()))
                .hasMessageContaining("not a PostgreSQL JDBC URL");
        assertThat(new io.cdclake.loader.ConnectionSettings("jdbc:postgresql://h/db?password=s3cret", "u", "pw").toString())
                .doesNotContain("s3cret").doesNotContain("pw");
    }
}
