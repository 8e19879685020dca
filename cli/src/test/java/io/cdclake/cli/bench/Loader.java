package io.cdclake.cli.bench;

import io.cdclake.loader.LoaderCli;
import io.cdclake.stack.PostgresService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the data loader's own command line against the embedded PostgreSQL, as a user would. */
final class Loader {

    private Loader() {}

    /** The command's output; fails on a non-zero exit code. */
    static String run(PostgresService pg, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc-url", pg.jdbcUrl(), "--user", pg.user()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code =
                LoaderCli.run(
                        all.toArray(new String[0]),
                        print,
                        print,
                        Map.of("PGPASSWORD", pg.password()));
        String text = out.toString(StandardCharsets.UTF_8);
        if (code != io.cdclake.commandline.ExitCodes.OK) {
            throw new IllegalStateException(
                    "loader " + args[0] + " exited with " + code + ": " + text);
        }
        return text;
    }
}
