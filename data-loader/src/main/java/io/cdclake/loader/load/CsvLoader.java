package io.cdclake.loader.load;

import io.cdclake.loader.csv.CountingInputStream;
import io.cdclake.loader.csv.CsvFormatException;
import io.cdclake.loader.csv.CsvReader;
import io.cdclake.loader.csv.CsvRecord;
import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.schema.Column;
import io.cdclake.loader.schema.TableSetup;
import io.cdclake.loader.schema.TableSetup.PublicationChange;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * Loads a CSV file with a header line into a PostgreSQL table through COPY, as one transaction:
 * either every good row is in the table afterwards, or nothing changed (not even the table's
 * creation). Rows are checked in Java on their way into COPY so that errors name the file's line
 * and column.
 */
public final class CsvLoader {

    private CsvLoader() {}

    public static LoadResult load(Connection connection, CsvSource source, LoadOptions options)
            throws LoadException, IOException, SQLException {
        long started = System.nanoTime();
        List<String> header = ColumnPlan.readHeader(source);
        ColumnPlan plan = ColumnPlan.plan(connection, source, header, options);
        return Transactions.inTransaction(
                connection,
                () -> {
                    PublicationChange publication = prepareTable(connection, plan, options);
                    Copied copied = copy(connection, source, plan.columns(), options);
                    return new LoadResult(
                            options.table(),
                            copied.rows,
                            copied.badRowCount,
                            copied.badRows,
                            plan.createTable(),
                            plan.columns(),
                            publication,
                            plan.warnings(),
                            Duration.ofNanos(System.nanoTime() - started));
                });
    }

    /**
     * Creates the table if needed and readies it for change capture; returns the publication
     * change.
     */
    static PublicationChange prepareTable(
            Connection connection, ColumnPlan plan, LoadOptions options) throws SQLException {
        if (plan.createTable()) {
            TableSetup.create(connection, options.table(), plan.columns(), options.primaryKey());
        }
        TableSetup.replicaIdentityFull(connection, options.table());
        return options.publication() == null
                ? null
                : TableSetup.ensurePublication(connection, options.publication(), options.table());
    }

    private static final class Copied {
        long rows;
        long badRowCount;
        final List<BadRow> badRows = new ArrayList<>();
    }

    private static Copied copy(
            Connection connection, CsvSource source, List<Column> columns, LoadOptions options)
            throws LoadException, IOException, SQLException {
        Copied copied = new Copied();
        LineMap lines = new LineMap();
        ProgressBar progress =
                options.progress().enabled()
                        ? new ProgressBar(options.progressOutput(), source.sizeBytes(), "rows")
                        : ProgressBar.disabled();
        RowValidator validator = new RowValidator(columns);
        CopyStream copy =
                CopyStream.open(
                        connection, options.table(), columns.stream().map(Column::name).toList());
        long sent = 0;
        try (CountingInputStream counting = new CountingInputStream(source.open());
                CsvReader reader =
                        new CsvReader(new InputStreamReader(counting, StandardCharsets.UTF_8))) {
            skipHeader(reader);
            String[] values = new String[columns.size()];
            while (true) {
                CsvRecord record;
                BadRow bad;
                try {
                    record = reader.next();
                    if (record == null) {
                        break;
                    }
                    bad = validator.check(record, values);
                } catch (CsvFormatException e) {
                    bad = new BadRow(e.line(), null, e.reason());
                    record = null;
                }
                if (bad != null) {
                    skipOrStop(bad, copied, options, copy);
                    continue;
                }
                copy.write(values);
                sent++;
                lines.record(sent, record.line());
                progress.update(sent, counting.count());
            }
            copied.rows = copy.finish();
            progress.finish(sent, counting.count());
        } catch (IOException | SQLException e) {
            copy.cancel();
            PSQLException server = CopyErrors.serverError(e);
            if (server != null) {
                throw CopyErrors.describe(server, lines);
            }
            throw e;
        } finally {
            progress.end();
        }
        return copied;
    }

    private static void skipHeader(CsvReader reader) throws IOException {
        try {
            reader.next();
        } catch (CsvFormatException e) {
            throw new IllegalStateException("the header parsed before, so it must parse again", e);
        }
    }

    private static void skipOrStop(BadRow bad, Copied copied, LoadOptions options, CopyStream copy)
            throws LoadException {
        if (!options.skipBadRows()) {
            copy.cancel();
            throw new LoadException(bad, null);
        }
        copied.badRowCount++;
        if (copied.badRows.size() < options.reportedBadRows()) {
            copied.badRows.add(bad);
        }
    }
}
