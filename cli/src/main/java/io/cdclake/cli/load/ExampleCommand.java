package io.cdclake.cli.load;

import io.cdclake.cli.ConnectionOptions;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.loader.DataLoader;
import io.cdclake.loader.changes.TutorialExample;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code example}: the tutorial's update of passenger 2 and delete of passenger 3. */
@Command(
        name = "example",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Runs the tutorial's two changes, each in its own transaction:",
            "  " + TutorialExample.UPDATE_SQL + ";",
            "  " + TutorialExample.DELETE_SQL + ";"
        })
public final class ExampleCommand implements Callable<Integer> {

    @Mixin private ConnectionOptions connection;

    @Mixin private TableOption table;

    private final Terminal terminal;

    public ExampleCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        DataLoader loader = new DataLoader(connection.settings(terminal.env()));
        TutorialExample.Result result =
                table.given()
                        ? loader.applyTutorialExample(table.table())
                        : loader.applyTutorialExample();
        print(result, terminal.out(), terminal.err());
        return ExitCodes.OK;
    }

    /** What the example did, and a warning when a row was missing; the demo prints the same. */
    public static void print(TutorialExample.Result result, PrintStream out, PrintStream err) {
        out.println(result);
        if (result.missedARow()) {
            err.println(
                    "warning: a row was missing; was the table loaded, or the example already"
                            + " run?");
        }
    }
}
