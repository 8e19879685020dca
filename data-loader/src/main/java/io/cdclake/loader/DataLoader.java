package io.cdclake.loader;

import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.TutorialExample;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.load.CsvLoader;
import io.cdclake.loader.load.GeneratedLoader;
import io.cdclake.loader.load.LoadException;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.LoadResult;
import io.cdclake.loader.load.LoadSource;
import io.cdclake.postgres.PgCatalog;
import io.cdclake.postgres.PgTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The data loader as plain calls, for the commands, the demo and the tests: load a table, change
 * it, run the tutorial's example. Each call opens a connection of its own and closes it.
 */
public final class DataLoader {

    private final ConnectionSettings database;

    public DataLoader(ConnectionSettings database) {
        this.database = database;
    }

    /**
     * Loads {@code source} into {@code options.table()} in one transaction: creates the table when
     * missing, sets REPLICA IDENTITY FULL and adds it to the options' publication.
     *
     * @throws LoadException when a row or the table does not fit; nothing was changed then
     */
    public LoadResult load(LoadSource source, LoadOptions options)
            throws LoadException, IOException, SQLException {
        try (Connection connection = database.connect()) {
            if (source instanceof LoadSource.Generated generated) {
                return GeneratedLoader.load(
                        connection,
                        new TitanicGenerator(generated.seed()),
                        generated.rows(),
                        options);
            }
            if (source instanceof LoadSource.Sample sample) {
                LoadOptions keyed =
                        options.primaryKey().isEmpty()
                                ? options.withPrimaryKey(List.of(TitanicSchema.PRIMARY_KEY))
                                : options;
                return CsvLoader.load(connection, sample.source(), keyed);
            }
            return CsvLoader.load(connection, ((LoadSource.Csv) source).source(), options);
        }
    }

    /**
     * The table a user typing {@code typedName} more likely means, when there is doubt: {@code
     * Orders} names {@code public.orders}, as in psql, which would be created although a table
     * {@code "Orders"} exists. Empty when the name leaves no such doubt.
     */
    public Optional<PgTable> tableMeantInstead(String typedName) throws SQLException {
        PgTable folded = PgTable.parse(typedName);
        PgTable asTyped;
        try {
            asTyped = PgTable.parseAsTyped(typedName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (asTyped.equals(folded)) {
            return Optional.empty();
        }
        try (Connection connection = database.connect()) {
            return PgCatalog.exists(connection, folded) || !PgCatalog.exists(connection, asTyped)
                    ? Optional.empty()
                    : Optional.of(asTyped);
        }
    }

    /** Changes {@code table} as {@code options} say once {@link ChangeRun#run()} is called. */
    public ChangeRun changes(PgTable table, ChangeOptions options) {
        return new ChangeRun(database, table, options);
    }

    /**
     * The tutorial's update of passenger 2 and delete of passenger 3 in table {@code customers}.
     */
    public TutorialExample.Result applyTutorialExample() throws SQLException {
        try (Connection connection = database.connect()) {
            return TutorialExample.applyTutorialExample(connection);
        }
    }

    /** The same two changes in another titanic-shaped table. */
    public TutorialExample.Result applyTutorialExample(PgTable table) throws SQLException {
        try (Connection connection = database.connect()) {
            return TutorialExample.applyTutorialExample(connection, table);
        }
    }
}
