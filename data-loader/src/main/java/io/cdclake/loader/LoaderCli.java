package io.cdclake.loader;

import io.cdclake.loader.changes.ChangeException;
import io.cdclake.loader.cli.Args;
import io.cdclake.loader.cli.ChangesCommand;
import io.cdclake.loader.cli.Command;
import io.cdclake.loader.cli.ExampleCommand;
import io.cdclake.loader.cli.GenerateCommand;
import io.cdclake.loader.cli.LoadCommand;
import io.cdclake.loader.cli.UsageException;
import io.cdclake.loader.load.LoadException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the data loader: {@code load}, {@code changes}, {@code example} and {@code generate}. The project's
 * CLI calls {@link #run} with its own streams and environment; {@link #main} exits with its code.
 *
 * <p>Exit codes: 0 done, 1 the database or the data refused, 2 the command line is wrong.
 */
public final class LoaderCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final List<Command> COMMANDS = List.of(new LoadCommand(), new ChangesCommand(), new ExampleCommand(), new GenerateCommand());

    private LoaderCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(usage());
            return args.length == 0 ? USAGE : OK;
        }
        Command command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            err.println("unknown command '" + args[0] + "'");
            err.println(usage());
            return USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help")) {
            out.println(command.usage());
            return OK;
        }
        try {
            Args parsed = Args.parse(rest, command.valuedOptions(), command.flagOptions());
            return command.run(parsed, env, out, err);
        } catch (UsageException e) {
            err.println(command.name() + ": " + e.getMessage());
            err.println("usage:");
            err.println(command.usage());
            return USAGE;
        } catch (LoadException e) {
            err.println("load failed, nothing was changed: " + e.getMessage());
            return FAILED;
        } catch (ChangeException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (SQLException e) {
            err.println(command.name() + " failed: " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println(command.name() + " failed: " + e);
            return FAILED;
        }
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("usage: LoaderCli COMMAND [OPTIONS]   (COMMAND --help for one command)\n\n");
        for (Command c : COMMANDS) {
            text.append(c.usage()).append("\n\n");
        }
        text.append("Passwords come from --password-env VAR (default PGPASSWORD) or --password-file FILE (a properties\n"
                + "file with a 'password' key), never from the command line.");
        return text.toString();
    }
}
