package io.cdclake.loader.cli;

import io.cdclake.loader.changes.TutorialExample;
import io.cdclake.loader.schema.TableName;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code example}: the tutorial's update of passenger 2 and delete of passenger 3. */
public final class ExampleCommand implements Command {

    @Override
    public String name() {
        return "example";
    }

    @Override
    public String usage() {
        return """
                example --jdbc-url URL --user U [--password-env VAR | --password-file FILE] [--table T]
                  Runs the tutorial's two changes, each in its own transaction:
                    %s;
                    %s;""".formatted(TutorialExample.UPDATE_SQL, TutorialExample.DELETE_SQL);
    }

    @Override
    public Set<String> valuedOptions() {
        Set<String> names = new HashSet<>(ConnectionOptions.NAMES);
        names.add("table");
        return names;
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Args args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        var db = ConnectionOptions.from(args, env);
        try (Connection connection = db.connect()) {
            TutorialExample.Result result = args.has("table")
                    ? TutorialExample.applyTutorialExample(connection, TableName.parse(args.required("table")))
                    : TutorialExample.applyTutorialExample(connection);
            out.println("updated " + result.updated() + " row (PassengerId 2, Name = 'Cris'), deleted "
                    + result.deleted() + " row (PassengerId 3)");
            if (result.updated() == 0 || result.deleted() == 0) {
                err.println("warning: a row was missing; was the table loaded, or the example already run?");
            }
        }
        return 0;
    }
}
