package io.cdclake.cli;

import io.cdclake.cli.status.StatusCommand;
import io.cdclake.connector.RegisterCommand;
import io.cdclake.job.options.OptionsDocumentation;
import io.cdclake.loader.LoaderCli;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/** {@code ./cdc-lake <command>}: the product's command line. */
public final class Main {

    private static final String USAGE = String.join("\n",
            "usage: ./cdc-lake <command> [options]",
            "",
            "  demo       start the whole pipeline embedded and stream the sample table into the lake",
            "  load       load a CSV file (or the bundled titanic sample, or generated rows) into PostgreSQL",
            "  changes    apply generated inserts, updates and deletes to a table",
            "  example    apply the tutorial's UPDATE and DELETE to the customers table",
            "  generate   write titanic-shaped rows as CSV (no database needed)",
            "  register   register the Debezium connector with Kafka Connect (idempotent)",
            "  verify     prove that the lake equals the database for one table",
            "  status     show whether the connector, its tasks and the Flink job run; explain a failure",
            "  options    print the Flink job's options as a Markdown table",
            "",
            "'./cdc-lake <command> --help' describes a command's options.");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo":
                return DemoCommand.run(rest, out, err);
            case "load":
            case "changes":
            case "example":
            case "generate":
                return LoaderCli.run(args, out, err, env);
            case "register":
                return RegisterCommand.run(rest, out, err);
            case "verify":
                return io.cdclake.cli.verify.VerifyCommand.run(rest, out, err, env);
            case "status":
                return StatusCommand.run(rest, out, err, env);
            case "options":
                out.print(OptionsDocumentation.markdownTable());
                return 0;
            default:
                err.println("unknown command '" + args[0] + "'");
                err.println(USAGE);
                return 2;
        }
    }
}
