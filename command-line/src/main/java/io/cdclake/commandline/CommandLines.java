package io.cdclake.commandline;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/** Sets up a command tree the same way for every entry point: streams, exit codes, failures. */
public final class CommandLines {

    private CommandLines() {}

    /**
     * {@code command}'s command line (with the subcommands it declares) writing to {@code
     * terminal}.
     */
    public static CommandLine create(Object command, Terminal terminal) {
        return configure(new CommandLine(command), terminal);
    }

    /**
     * Call after every subcommand was added: picocli hands these settings to the subcommands
     * present.
     */
    public static CommandLine configure(CommandLine commandLine, Terminal terminal) {
        return commandLine
                .setOut(writer(terminal.out()))
                .setErr(writer(terminal.err()))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExitCodeExceptionMapper(
                        e ->
                                e instanceof CommandLine.ParameterException
                                        ? ExitCodes.USAGE
                                        : ExitCodes.FAILURE)
                .setParameterExceptionHandler(CommandLines::usageError)
                .setExecutionExceptionHandler(
                        (e, failed, parseResult) -> {
                            failed.getErr()
                                    .println(failed.getCommandName() + " failed: " + describe(e));
                            return ExitCodes.FAILURE;
                        });
    }

    /**
     * Runs {@code args} against a command tree; returns the exit code. An unknown subcommand is a
     * usage error even with {@code --help} after it, which picocli would answer with the top-level
     * usage and exit code 0, so a script could not tell that the command does not exist. An
     * {@code @file} of arguments is picocli's to expand.
     */
    public static int executeTree(CommandLine tree, String... args) {
        if (args.length > 0
                && !args[0].startsWith("-")
                && !args[0].startsWith("@")
                && !tree.getSubcommands().isEmpty()
                && !tree.getSubcommands().containsKey(args[0])) {
            return usageError(
                    new CommandLine.UnmatchedArgumentException(tree, List.of(args[0])), args);
        }
        return tree.execute(args);
    }

    /** Runs {@code args} against {@code command}; returns its exit code. */
    public static int execute(Object command, Terminal terminal, String... args) {
        return create(command, terminal).execute(args);
    }

    /**
     * What is wrong, what picocli guesses was meant, and always the usage of the command that
     * refused it.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine refusing = e.getCommandLine();
        PrintWriter err = refusing.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        refusing.usage(err);
        return ExitCodes.USAGE;
    }

    /** The message a person can act on; the class only when the message says nothing without it. */
    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() || e instanceof RuntimeException
                ? e.toString()
                : message;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
