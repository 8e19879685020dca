package io.cdclake.loader.load;

import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.schema.Column;
import io.cdclake.loader.schema.TableInspector;
import io.cdclake.loader.schema.TableSetup.PublicationChange;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/**
 * Streams generated passengers into a table through COPY, with the same table preparation and
 * all-or-nothing transaction as a CSV load. Nothing is held in memory, so the row count is bounded
 * only by the disk.
 */
public final class GeneratedLoader {

    private GeneratedLoader() {}

    /**
     * Loads passengers 1..rows. The table is created with the titanic columns (with the options'
     * explicit types, such as {@code Fare=numeric(10,4)}) and PassengerId as primary key when
     * missing; the options' key is not used.
     */
    public static LoadResult load(
            Connection connection, TitanicGenerator generator, int rows, LoadOptions options)
            throws LoadException, IOException, SQLException {
        long started = System.nanoTime();
        ColumnPlan plan = plan(connection, options);
        LoadOptions withKey = options.withPrimaryKey(List.of(TitanicSchema.PRIMARY_KEY));
        return Transactions.inTransaction(
                connection,
                () -> {
                    PublicationChange publication =
                            CsvLoader.prepareTable(connection, plan, withKey);
                    long loaded = copy(connection, generator, rows, options);
                    return new LoadResult(
                            options.table(),
                            loaded,
                            0,
                            List.of(),
                            plan.createTable(),
                            plan.columns(),
                            publication,
                            plan.warnings(),
                            Duration.ofNanos(System.nanoTime() - started));
                });
    }

    private static ColumnPlan plan(Connection connection, LoadOptions options)
            throws SQLException, LoadException {
        Optional<List<Column>> existing = TableInspector.columns(connection, options.table());
        if (existing.isEmpty()) {
            List<Column> columns =
                    TitanicSchema.COLUMNS.stream()
                            .map(
                                    c ->
                                            options.types().containsKey(c.name())
                                                    ? Column.ofSql(
                                                            c.name(), options.types().get(c.name()))
                                                    : c)
                            .toList();
            return new ColumnPlan(columns, true, List.of());
        }
        List<String> names = existing.get().stream().map(Column::name).toList();
        if (!names.containsAll(TitanicSchema.COLUMN_NAMES)) {
            throw new LoadException(
                    "table " + options.table() + " exists but lacks titanic columns: has " + names,
                    null);
        }
        return new ColumnPlan(TitanicSchema.COLUMNS, false, List.of());
    }

    private static long copy(
            Connection connection, TitanicGenerator generator, int rows, LoadOptions options)
            throws LoadException, IOException, SQLException {
        ProgressBar progress =
                options.progress().enabled()
                        ? new ProgressBar(options.progressOutput(), rows, "rows")
                        : ProgressBar.disabled();
        CopyStream copy = CopyStream.open(connection, options.table(), TitanicSchema.COLUMN_NAMES);
        try {
            for (int id = 1; id <= rows; id++) {
                copy.write(generator.row(id).values());
                progress.update(id, id);
            }
            long loaded = copy.finish();
            progress.finish(rows, rows);
            return loaded;
        } catch (IOException | SQLException e) {
            copy.cancel();
            PSQLException server = CopyErrors.serverError(e);
            if (server != null) {
                String detail = server.getServerErrorMessage().getDetail();
                throw new LoadException(
                        "PostgreSQL rejected the generated rows: "
                                + server.getServerErrorMessage().getMessage()
                                + (detail == null ? "" : " (" + detail + ")"),
                        e);
            }
            throw e;
        } finally {
            progress.end();
        }
    }
}
