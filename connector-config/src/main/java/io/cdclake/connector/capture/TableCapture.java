package io.cdclake.connector.capture;

import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.connector.ConnectorRegistrationException;
import io.cdclake.connector.KafkaConnectClient;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Captures a table later, with its existing rows; stops capturing one; snapshots one again; lists
 * the captured tables. The connector's registered configuration (read from Kafka Connect) names the
 * publication, the signal table and the include list; {@code database} is a connection to the
 * captured database, in auto-commit mode, owned by the caller.
 *
 * <p>Existing rows come from a Debezium incremental snapshot: chunks read by primary key while
 * changes keep streaming, each chunk reconciled with the changes made while it was read, so the
 * topic ends with every row as it is now.
 */
public final class TableCapture {

    private final String connectorName;
    private final Connection database;
    private final ConnectorRegistrar registrar;
    private final ConnectorState connect;

    public TableCapture(URI connectUrl, String connectorName, Connection database) {
        KafkaConnectClient client = new KafkaConnectClient(connectUrl);
        this.connectorName = connectorName;
        this.database = database;
        this.registrar = new ConnectorRegistrar(client);
        this.connect = new ConnectorState(client);
    }

    /** What {@link #add} did. */
    public record AddResult(
            TableName table,
            boolean signalTableCreated,
            boolean replicaIdentitySet,
            boolean addedToPublication,
            boolean addedToIncludeList,
            String snapshotSignalId) {}

    /** What {@link #remove} did. */
    public record RemoveResult(
            TableName table, boolean removedFromIncludeList, boolean droppedFromPublication) {}

    /**
     * Adds the table to the publication and the connector's include list, waits until the connector
     * runs with it, and requests an incremental snapshot of its existing rows. Repeating it is
     * harmless: only the snapshot is requested again.
     */
    public AddResult add(TableName table, Duration timeout)
            throws SQLException, InterruptedException {
        return add(table, timeout, null);
    }

    /**
     * As {@link #add(TableName, Duration)}; a table without a primary key is read in chunks ordered
     * by {@code surrogateKey}, a NOT NULL column with a unique index of its own (null: the primary
     * key).
     */
    public AddResult add(TableName table, Duration timeout, String surrogateKey)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        requireSnapshottable(table);
        ConnectorConfig live = registered();
        CaptureSettings settings = settings(live);
        SignalTable signals = new SignalTable(settings.signalTable());
        if (table.equals(signals.table())) {
            throw new CaptureException(table + " is the connector's signal table");
        }
        requireTable(table);
        requireChunkKey(table, surrogateKey);
        Publication publication = new Publication(settings.publication());
        if (!publication.exists(database)) {
            throw new CaptureException(
                    "Publication "
                            + settings.publication()
                            + " does not exist: register the connector first");
        }
        boolean signalTableCreated = !signals.exists(database);
        signals.create(database);
        publication.add(database, signals.table());
        boolean replicaIdentitySet = TableFacts.replicaIdentityFull(database, table);
        boolean addedToPublication = publication.add(database, table);

        IncludeList include = settings.includeList().with(table);
        boolean addedToIncludeList = !include.equals(settings.includeList());
        ConnectorConfig wanted = live;
        if (surrogateKey != null) {
            // Debezium keeps a chunk's rows by their Kafka key while it reconciles them with the
            // changes streamed meanwhile: a table without a key would keep one row per chunk. So
            // the surrogate key becomes the table's Kafka key too.
            wanted =
                    live.with(
                            MESSAGE_KEY_COLUMNS,
                            withKeyColumn(live.get(MESSAGE_KEY_COLUMNS), table, surrogateKey));
        }
        reconfigure(wanted, include, deadline);

        // Only a task that includes the table snapshots it: the signal goes in after the restart.
        String signalId = signals.requestIncrementalSnapshot(database, table, surrogateKey);
        return new AddResult(
                table,
                signalTableCreated,
                replicaIdentitySet,
                addedToPublication,
                addedToIncludeList,
                signalId);
    }

    /**
     * Stops capturing the table: out of the include list, then out of the publication. Its topic
     * and its files in the lake stay.
     */
    public RemoveResult remove(TableName table, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectorConfig live = registered();
        CaptureSettings settings = settings(live);
        IncludeList include;
        try {
            include = settings.includeList().without(table);
        } catch (IllegalArgumentException e) {
            throw new CaptureException(e.getMessage(), e);
        }
        boolean removedFromIncludeList = !include.equals(settings.includeList());
        reconfigure(live, include, deadline);
        boolean dropped = new Publication(settings.publication()).drop(database, table);
        return new RemoveResult(table, removedFromIncludeList, dropped);
    }

    /**
     * Requests another incremental snapshot of a captured table (after a restore, or to repair a
     * table whose lake files were lost); returns the signal's id.
     */
    public String snapshot(TableName table) throws SQLException, InterruptedException {
        return snapshot(table, null);
    }

    /** As {@link #snapshot(TableName)}, in chunks ordered by {@code surrogateKey} if not null. */
    public String snapshot(TableName table, String surrogateKey)
            throws SQLException, InterruptedException {
        requireSnapshottable(table);
        ConnectorConfig live = registered();
        CaptureSettings settings = settings(live);
        if (!settings.includeList().covers(table)) {
            throw new CaptureException(
                    table
                            + " is not in the connector's table.include.list: capture it with add"
                            + " first");
        }
        requireTable(table);
        requireChunkKey(table, surrogateKey);
        if (surrogateKey != null
                && !keyColumnEntry(table, surrogateKey)
                        .equals(entryFor(live.get(MESSAGE_KEY_COLUMNS), table).orElse(""))) {
            throw new CaptureException(
                    table
                            + " is not keyed by "
                            + surrogateKey
                            + " in the connector's message.key.columns, which a snapshot by a"
                            + " surrogate key needs: run capture add "
                            + table
                            + " --surrogate-key "
                            + surrogateKey
                            + " (it sets the key and requests the snapshot)");
        }
        return new SignalTable(settings.signalTable())
                .requestIncrementalSnapshot(database, table, surrogateKey);
    }

    private static final String MESSAGE_KEY_COLUMNS = "message.key.columns";

    /** Debezium's {@code message.key.columns} with {@code table} keyed by {@code column}. */
    static String withKeyColumn(String existing, TableName table, String column) {
        if (column.isBlank() || column.matches(".*[,;:].*")) {
            throw new CaptureException(
                    "--surrogate-key " + column + ": a column name without , ; or :");
        }
        String entry = keyColumnEntry(table, column);
        Optional<String> current = entryFor(existing, table);
        if (current.isPresent()) {
            if (current.get().equals(entry)) {
                return existing;
            }
            throw new CaptureException(
                    "message.key.columns already keys "
                            + table
                            + " otherwise ("
                            + current.get()
                            + "); change it by hand");
        }
        return existing == null || existing.isBlank() ? entry : existing + ";" + entry;
    }

    private static String keyColumnEntry(TableName table, String column) {
        return table.debeziumPattern() + ":" + column;
    }

    private static Optional<String> entryFor(String existing, TableName table) {
        if (existing == null) {
            return Optional.empty();
        }
        String prefix = table.debeziumPattern() + ":";
        for (String entry : existing.split(";")) {
            if (entry.trim().startsWith(prefix)) {
                return Optional.of(entry.trim());
            }
        }
        return Optional.empty();
    }

    /**
     * An incremental snapshot reads a table in chunks ordered by its primary key, or by a surrogate
     * key Debezium is given; a column that is not unique and NOT NULL would make chunk boundaries
     * skip or repeat rows, so it is refused.
     */
    private void requireChunkKey(TableName table, String surrogateKey) throws SQLException {
        if (surrogateKey == null) {
            if (!TableFacts.hasPrimaryKey(database, table)) {
                throw new CaptureException(
                        table
                                + " has no primary key: an incremental snapshot reads it in chunks"
                                + " ordered by a key. Name a NOT NULL column with a unique index of"
                                + " its own with --surrogate-key COLUMN, or add a primary key");
            }
            return;
        }
        if (!TableFacts.uniqueNotNull(database, table, surrogateKey)) {
            throw new CaptureException(
                    "--surrogate-key "
                            + surrogateKey
                            + ": not a NOT NULL column of "
                            + table
                            + " with a unique index of its own; chunks ordered by it could skip or"
                            + " repeat rows. Add such an index (CREATE UNIQUE INDEX ON "
                            + table.sql()
                            + " (...)), or a primary key");
        }
    }

    /** The tables the include list or the publication selects, each with its state. */
    public List<CapturedTable> list() throws SQLException, InterruptedException {
        CaptureSettings settings = settings(registered());
        SignalTable signals = new SignalTable(settings.signalTable());
        Publication publication = new Publication(settings.publication());
        List<TableName> published =
                publication.exists(database) ? publication.tables(database) : List.of();
        List<TableName> existing = TableFacts.userTables(database);
        List<SignalTable.SnapshotRequest> requests =
                signals.exists(database) ? signals.snapshotRequests(database) : List.of();
        SnapshotProgress progress = SnapshotProgress.of(connect.offset(connectorName));

        Set<TableName> tables = new LinkedHashSet<>();
        for (String entry : settings.includeList().entries()) {
            Optional<TableName> literal = IncludeList.literal(entry);
            if (literal.isPresent()) {
                tables.add(literal.get());
            } else {
                existing.stream().filter(t -> t.matchedBy(entry)).forEach(tables::add);
            }
        }
        tables.addAll(published);
        tables.remove(signals.table());

        List<CapturedTable> result = new ArrayList<>();
        for (TableName table : tables) {
            boolean exists = existing.contains(table);
            boolean included = settings.includeList().covers(table);
            boolean inPublication = published.contains(table);
            result.add(describe(table, exists, included, inPublication, progress, requests));
        }
        return result;
    }

    private static CapturedTable describe(
            TableName table,
            boolean exists,
            boolean included,
            boolean inPublication,
            SnapshotProgress progress,
            List<SignalTable.SnapshotRequest> requests) {
        if (!exists) {
            return new CapturedTable(
                    table,
                    false,
                    included,
                    inPublication,
                    CaptureState.NOT_CAPTURED,
                    "the table does not exist");
        }
        if (!included || !inPublication) {
            String missing = included ? "not in the publication" : "not in table.include.list";
            return new CapturedTable(
                    table, true, included, inPublication, CaptureState.NOT_CAPTURED, missing);
        }
        int position = indexIn(progress.snapshotQueue(), table);
        if (position == 0) {
            return new CapturedTable(
                    table, true, true, true, CaptureState.SNAPSHOT_RUNNING, table.toString());
        }
        if (position > 0) {
            return new CapturedTable(
                    table,
                    true,
                    true,
                    true,
                    CaptureState.SNAPSHOT_QUEUED,
                    "after " + progress.snapshotting());
        }
        List<SignalTable.SnapshotRequest> mine =
                requests.stream().filter(r -> r.names(table)).toList();
        if (mine.stream().anyMatch(r -> !progress.streamedPast(r.xid()))) {
            return new CapturedTable(
                    table,
                    true,
                    true,
                    true,
                    CaptureState.WAITING_FOR_SNAPSHOT,
                    "signal not read yet");
        }
        return new CapturedTable(
                table,
                true,
                true,
                true,
                CaptureState.STREAMING,
                mine.isEmpty() ? "" : "snapshot done");
    }

    private static int indexIn(List<String> queue, TableName table) {
        for (int i = 0; i < queue.size(); i++) {
            // Debezium names the tables as schema.table, unquoted.
            if (table.toString().equals(queue.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Registers the connector with the new include list and waits until its tasks run with it, so
     * that a signal inserted afterwards is read by a task that captures the table.
     */
    private void reconfigure(ConnectorConfig live, IncludeList include, long deadline)
            throws InterruptedException {
        String value = include.toString();
        try {
            registrar.register(live.with(CaptureSettings.INCLUDE_LIST, value), remaining(deadline));
            while (!connect.tasksConfiguredWith(
                    connectorName, CaptureSettings.INCLUDE_LIST, value)) {
                if (System.nanoTime() >= deadline) {
                    throw new CaptureException(
                            "The tasks of "
                                    + connectorName
                                    + " did not take table.include.list="
                                    + value);
                }
                Thread.sleep(250);
            }
            registrar.awaitRunning(connectorName, remaining(deadline));
        } catch (ConnectorRegistrationException e) {
            throw new CaptureException(e.getMessage(), e);
        }
    }

    private ConnectorConfig registered() throws InterruptedException {
        return connect.config(connectorName)
                .orElseThrow(
                        () ->
                                new CaptureException(
                                        "Kafka Connect has no connector "
                                                + connectorName
                                                + ": register it first (./cdc-lake register)"));
    }

    private static CaptureSettings settings(ConnectorConfig live) {
        try {
            return CaptureSettings.of(live);
        } catch (IllegalArgumentException e) {
            throw new CaptureException(
                    e.getMessage() + " (./cdc-lake register updates the connector)", e);
        }
    }

    private static void requireSnapshottable(TableName table) {
        try {
            table.snapshotDataCollection();
        } catch (IllegalArgumentException e) {
            throw new CaptureException(e.getMessage(), e);
        }
    }

    private void requireTable(TableName table) throws SQLException {
        if (!TableFacts.exists(database, table)) {
            throw new CaptureException("Table " + table + " does not exist");
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
