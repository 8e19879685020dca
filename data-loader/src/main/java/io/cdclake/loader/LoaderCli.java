package io.cdclake.loader;

import io.cdclake.commandline.CommandLines;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.loader.cli.ChangesCommand;
import io.cdclake.loader.cli.ExampleCommand;
import io.cdclake.loader.cli.GenerateCommand;
import io.cdclake.loader.cli.LoadCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The data loader on its own: {@code load}, {@code changes}, {@code example} and {@code generate}.
 * {@code ./cdc-lake} adds the same commands ({@link #commands}) to its own tree; {@link #run} lets
 * the demo and the tests run them in-process with their own streams and environment.
 */
@Command(
        name = "LoaderCli",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = CommandLine.HelpCommand.class,
        description = "Loads tables into PostgreSQL and changes them.",
        footer = {
            "",
            "Passwords come from --password-env VAR (default PGPASSWORD) or --password-file FILE (a"
                    + " properties",
            "file with a 'password' key), never from the command line."
        })
public final class LoaderCli implements Callable<Integer> {

    @Spec private CommandSpec spec;

    private LoaderCli() {}

    public static void main(String[] args) {
        System.exit(commandLine(Terminal.system()).execute(args));
    }

    /** The loader's commands, printing to and reading the environment of {@code terminal}. */
    public static List<Object> commands(Terminal terminal) {
        return List.of(
                new LoadCommand(terminal),
                new ChangesCommand(terminal),
                new ExampleCommand(terminal),
                new GenerateCommand(terminal));
    }

    public static CommandLine commandLine(Terminal terminal) {
        CommandLine commandLine = new CommandLine(new LoaderCli());
        commands(terminal).forEach(commandLine::addSubcommand);
        return CommandLines.configure(commandLine, terminal);
    }

    /** Runs {@code args}, the command's name first; returns the exit code. */
    public static int run(
            String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return commandLine(new Terminal(out, err, env)).execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command");
    }
}
