package io.cdclake.loader.cli;

import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.loader.changes.TutorialExample;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(
            names = "--table",
            paramLabel = "TABLE",
            description =
                    "the table, [SCHEMA.]NAME read as psql reads it: unquoted folds to lower case,"
                            + " \"Quoted\" keeps its case, the schema defaults to public (default:"
                            + " customers)")
    private String table;

    private final Terminal terminal;

    public ExampleCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        var db = connection.settings(terminal.env());
        try (Connection connection = db.connect()) {
            TutorialExample.Result result =
                    table != null
                            ? TutorialExample.applyTutorialExample(connection, PgTable.parse(table))
                            : TutorialExample.applyTutorialExample(connection);
            terminal.out()
                    .println(
                            "updated "
                                    + result.updated()
                                    + " row (PassengerId 2, Name = 'Cris'), deleted "
                                    + result.deleted()
                                    + " row (PassengerId 3)");
            if (result.updated() == 0 || result.deleted() == 0) {
                terminal.err()
                        .println(
                                "warning: a row was missing; was the table loaded, or the example"
                                        + " already run?");
            }
        }
        return ExitCodes.OK;
    }
}
