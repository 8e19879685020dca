package io.cdclake.loader.changes;

import io.cdclake.loader.schema.Column;
import io.cdclake.loader.schema.ColumnType;
import io.cdclake.loader.schema.TableInspector;
import io.cdclake.postgres.PgCatalog;
import io.cdclake.postgres.PgIdentifiers;
import io.cdclake.postgres.PgTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Makes inserts, updates and deletes on a table with a single integer primary key, in small
 * transactions, optionally at a fixed rate. For a seed and a starting table, the sequence of
 * changes is always the same: which rows, which columns, which values. (With a rate, where
 * transactions end also depends on timing, since pending changes are committed before waiting.)
 */
public final class ChangeGenerator {

    private final Connection connection;
    private final PgTable table;
    private final ChangeOptions options;
    private volatile boolean stopRequested;

    public ChangeGenerator(Connection connection, PgTable table, ChangeOptions options) {
        this.connection = connection;
        this.table = table;
        this.options = options;
    }

    /** Asks a running {@link #run()} to commit what it has and return, e.g. on Ctrl-C. */
    public void stop() {
        stopRequested = true;
    }

    public ChangeResult run() throws SQLException {
        List<Column> columns =
                TableInspector.columns(connection, table)
                        .orElseThrow(() -> new SQLException("table " + table + " does not exist"));
        String key = keyColumn(columns);
        int keyIndex =
                IntStream.range(0, columns.size())
                        .filter(i -> columns.get(i).name().equals(key))
                        .findFirst()
                        .orElseThrow();
        int[] updatable =
                IntStream.range(0, columns.size())
                        .filter(i -> i != keyIndex && columns.get(i).kind() != ColumnType.OTHER)
                        .toArray();
        if (updatable.length == 0 && options.mix().update() > 0) {
            throw new SQLException(
                    "table " + table + " has no column besides its key that updates could change");
        }
        KeyPool keys = new KeyPool(existingKeys(key));
        RowSource rows = RowSource.forTable(columns, keyIndex, options.seed());
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (ChangeStatements statements = new ChangeStatements(connection, table, columns, key)) {
            return new Run(statements, keys, rows, updatable, nextKey(keys)).execute();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private String keyColumn(List<Column> columns) throws SQLException {
        List<String> key = PgCatalog.primaryKey(connection, table);
        if (key.size() != 1) {
            throw new SQLException(
                    "the change generator needs a single-column primary key; table "
                            + table
                            + " has "
                            + key);
        }
        ColumnType kind =
                columns.stream()
                        .filter(c -> c.name().equals(key.get(0)))
                        .findFirst()
                        .orElseThrow()
                        .kind();
        if (kind != ColumnType.SMALLINT
                && kind != ColumnType.INTEGER
                && kind != ColumnType.BIGINT) {
            throw new SQLException(
                    "the change generator needs an integer primary key; "
                            + key.get(0)
                            + " is "
                            + kind.name().toLowerCase(Locale.ROOT));
        }
        return key.get(0);
    }

    private long[] existingKeys(String key) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT "
                                        + PgIdentifiers.quote(key)
                                        + " FROM "
                                        + table.sql()
                                        + " ORDER BY 1")) {
            while (rs.next()) {
                found.add(rs.getLong(1));
            }
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    private static long nextKey(KeyPool keys) {
        long max = 0;
        for (int i = 0; i < keys.size(); i++) {
            max = Math.max(max, keys.get(i));
        }
        return max + 1;
    }

    /** One run's moving parts, so counters and pacing stay out of the public class. */
    private final class Run {
        private final ChangeStatements statements;
        private final KeyPool keys;
        private final RowSource rows;
        private final int[] updatable;
        private final SplittableRandom random = new SplittableRandom(options.seed());
        private final long[] committed = new long[3];
        private final long[] pending = new long[3];
        private long nextKey;
        private long transactions;
        private int pendingOps;
        private final long started = System.nanoTime();

        Run(
                ChangeStatements statements,
                KeyPool keys,
                RowSource rows,
                int[] updatable,
                long nextKey) {
            this.statements = statements;
            this.keys = keys;
            this.rows = rows;
            this.updatable = updatable;
            this.nextKey = nextKey;
        }

        ChangeResult execute() throws ChangeException {
            long deadline =
                    options.duration() == null
                            ? Long.MAX_VALUE
                            : started + options.duration().toNanos();
            try {
                for (long i = 0; options.count() < 0 || i < options.count(); i++) {
                    if (stopRequested || !pace(i, deadline)) {
                        break;
                    }
                    apply(options.mix().pick(random.nextDouble()));
                    if (pendingOps >= options.operationsPerTransaction()) {
                        commit();
                    }
                }
                commit();
                return result();
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw new ChangeException(
                        "changing table " + table + " failed: " + e.getMessage(), result(), e);
            }
        }

        /**
         * Waits until operation {@code i} is due; false when the run's time is up or it was
         * stopped.
         */
        private boolean pace(long i, long deadline) throws SQLException {
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            if (options.ratePerSecond() <= 0) {
                return true;
            }
            long due = started + (long) (i * 1e9 / options.ratePerSecond());
            if (due <= now) {
                return true;
            }
            // Never hold a transaction open while idle: readers downstream would see changes late.
            commit();
            if (due >= deadline) {
                return false;
            }
            try {
                Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !stopRequested;
        }

        private void apply(Operation chosen) throws SQLException {
            Operation op = keys.size() == 0 ? Operation.INSERT : chosen;
            switch (op) {
                case INSERT -> {
                    long key = nextKey++;
                    if (statements.insert(rows.row(key)) == 1) {
                        keys.add(key);
                        count(op);
                    }
                }
                case UPDATE -> {
                    int index = keys.pick(random);
                    int column = updatable[random.nextInt(updatable.length)];
                    String value = rows.row(random.nextLong(1, Integer.MAX_VALUE))[column];
                    if (statements.update(keys.get(index), column, value) == 1) {
                        count(op);
                    } else {
                        keys.removeAt(index);
                    }
                }
                case DELETE -> {
                    int index = keys.pick(random);
                    if (statements.delete(keys.get(index)) == 1) {
                        count(op);
                    }
                    keys.removeAt(index);
                }
            }
        }

        private void count(Operation op) {
            pending[op.ordinal()]++;
            pendingOps++;
        }

        private void commit() throws SQLException {
            if (pendingOps == 0) {
                return;
            }
            connection.commit();
            for (int i = 0; i < 3; i++) {
                committed[i] += pending[i];
                pending[i] = 0;
            }
            pendingOps = 0;
            transactions++;
        }

        private ChangeResult result() {
            return new ChangeResult(
                    committed[0],
                    committed[1],
                    committed[2],
                    transactions,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
