package io.cdclake.cli;

import io.cdclake.cli.capture.CaptureCommand;
import io.cdclake.cli.compact.CompactCommand;
import io.cdclake.cli.expire.ExpireCommand;
import io.cdclake.cli.load.ChangesCommand;
import io.cdclake.cli.load.ExampleCommand;
import io.cdclake.cli.load.GenerateCommand;
import io.cdclake.cli.load.LoadCommand;
import io.cdclake.cli.query.QueryCommand;
import io.cdclake.cli.register.RegisterCommand;
import io.cdclake.cli.status.StatusCommand;
import io.cdclake.cli.verify.VerifyCommand;
import io.cdclake.commandline.CommandLines;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cdc-lake <command>}: builds the command tree of every command and runs one. */
@Command(
        name = "cdc-lake",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "PostgreSQL changes into Parquet and CSV files on S3, exactly once.",
        footer = {
            "",
            "'./cdc-lake COMMAND --help' describes a command's options.",
            "Exit codes: 0 done; 1 failed, or verify found differences, or status found something"
                    + " not running; 2 the command line is wrong."
        })
public final class Main implements Callable<Integer> {

    @Spec private CommandSpec spec;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs {@code args} as {@code ./cdc-lake} would; returns the exit code. */
    public static int run(
            String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return CommandLines.executeTree(commandLine(new Terminal(out, err, env)), args);
    }

    /** The whole command tree, printing to and reading the environment of {@code terminal}. */
    public static CommandLine commandLine(Terminal terminal) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.addSubcommand(new DemoCommand(terminal));
        commandLine.addSubcommand(new LoadCommand(terminal));
        commandLine.addSubcommand(new ChangesCommand(terminal));
        commandLine.addSubcommand(new ExampleCommand(terminal));
        commandLine.addSubcommand(new GenerateCommand(terminal));
        commandLine.addSubcommand(new RegisterCommand(terminal));
        commandLine.addSubcommand(new CaptureCommand(terminal));
        commandLine.addSubcommand(new VerifyCommand(terminal));
        commandLine.addSubcommand(new QueryCommand(terminal));
        commandLine.addSubcommand(new CompactCommand(terminal));
        commandLine.addSubcommand(new ExpireCommand(terminal));
        commandLine.addSubcommand(new StatusCommand(terminal));
        commandLine.addSubcommand(new OptionsCommand(terminal));
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return CommandLines.configure(commandLine, terminal);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command");
    }
}
