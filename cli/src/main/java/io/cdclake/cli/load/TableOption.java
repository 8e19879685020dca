package io.cdclake.cli.load;

import io.cdclake.postgres.PgTable;
import picocli.CommandLine.Option;

/** The loader commands' {@code --table}: a table name read as psql reads it. */
public final class TableOption {

    static final String DEFAULT = "customers";

    @Option(
            names = "--table",
            paramLabel = "TABLE",
            description =
                    "the table, [SCHEMA.]NAME read as psql reads it: unquoted folds to lower case,"
                            + " \"Quoted\" keeps its case, the schema defaults to public (default:"
                            + " "
                            + DEFAULT
                            + ")")
    private String typed;

    /** Whether {@code --table} was given. */
    boolean given() {
        return typed != null;
    }

    /** The name as the user typed it, or the default, for messages. */
    String typed() {
        return typed != null ? typed : DEFAULT;
    }

    PgTable table() {
        return PgTable.parse(typed());
    }
}
