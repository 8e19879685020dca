package io.cdclake.cluster.fault;

import io.cdclake.format.MetadataColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table without a key that only ever gets new rows, counted against the lake as a multiset of
 * whole rows: identical rows are told apart only by how many there are, so a row lost and another
 * doubled would not cancel out in a total.
 *
 * @param name the table in {@code public}
 * @param columns its columns, all of them
 * @param rangeColumn an integer column that picks out a stretch of the table's rows (one step's),
 *     or null to count them all
 */
record KeylessTable(String name, List<String> columns, String rangeColumn) {

    /**
     * What a count needs of one lake row: its op, its values as one text, the Kafka record it came
     * from, and its {@link #rangeColumn} value (0 without one).
     */
    record Row(String op, String values, String record, long range) {}

    /** The table's rows in the Parquet files under {@code tableDir}. */
    LakeTableFiles<Row> parquet(Path tableDir) {
        return LakeTableFiles.parquet(tableDir, row -> Optional.of(row(row)));
    }

    /** The table's rows in the CSV files under {@code tableDir}. */
    LakeTableFiles<Row> csv(Path tableDir) {
        return LakeTableFiles.csv(tableDir, row -> Optional.of(row(row)));
    }

    private Row row(Map<String, Object> row) {
        return new Row(
                String.valueOf(row.get(MetadataColumns.OP)),
                values(row),
                row.get(MetadataColumns.PARTITION) + "@" + row.get(MetadataColumns.OFFSET),
                rangeColumn == null ? 0 : Long.parseLong(String.valueOf(row.get(rangeColumn))));
    }

    /** The whole table. */
    LakeCount count(Connection db, LakeTableFiles<Row> lake) throws SQLException, IOException {
        return count(db, lake, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * The rows whose {@link #rangeColumn} lies in {@code [from, to]}: in the database, and as
     * inserts or snapshot reads in the lake. Any other change of those rows in the lake cannot have
     * happened and counts as unexplained.
     */
    LakeCount count(Connection db, LakeTableFiles<Row> lake, long from, long to)
            throws SQLException, IOException {
        Map<String, Long> database = databaseRows(db, from, to);
        Map<String, Long> inLake = new HashMap<>();
        Map<String, Long> perRecord = new HashMap<>();
        long unexplained = 0;
        for (Row row : lake.rows()) {
            if (rangeColumn != null && (row.range() < from || row.range() > to)) {
                continue;
            }
            if (!row.op().equals("c") && !row.op().equals("r")) {
                unexplained++;
                continue;
            }
            inLake.merge(row.values(), 1L, Long::sum);
            perRecord.merge(row.record(), 1L, Long::sum);
        }
        long expected = 0;
        long lost = 0;
        long duplicated = 0;
        for (Map.Entry<String, Long> e : database.entrySet()) {
            long found = inLake.getOrDefault(e.getKey(), 0L);
            expected += e.getValue();
            lost += Math.max(0, e.getValue() - found);
            duplicated += Math.max(0, found - e.getValue());
        }
        for (Map.Entry<String, Long> e : inLake.entrySet()) {
            if (!database.containsKey(e.getKey())) {
                unexplained += e.getValue();
            }
        }
        long writtenTwice = perRecord.values().stream().mapToLong(n -> n - 1).sum();
        return new LakeCount(expected, lost, duplicated, writtenTwice, unexplained);
    }

    private Map<String, Long> databaseRows(Connection db, long from, long to) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i)).append("::text");
        }
        sql.append(", count(*) FROM ").append(name);
        if (rangeColumn != null && (from != Long.MIN_VALUE || to != Long.MAX_VALUE)) {
            sql.append(" WHERE ")
                    .append(rangeColumn)
                    .append(" BETWEEN ")
                    .append(from)
                    .append(" AND ")
                    .append(to);
        }
        sql.append(" GROUP BY ");
        for (int i = 1; i <= columns.size(); i++) {
            sql.append(i == 1 ? "" : ", ").append(i);
        }
        Map<String, Long> rows = new HashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
                StringBuilder key = new StringBuilder();
                for (int i = 1; i <= columns.size(); i++) {
                    key.append(rs.getString(i)).append('\u0001');
                }
                rows.put(key.toString(), rs.getLong(columns.size() + 1));
            }
        }
        return rows;
    }

    private String values(Map<String, Object> row) {
        StringBuilder key = new StringBuilder();
        for (String column : columns) {
            key.append(row.get(column)).append('\u0001');
        }
        return key.toString();
    }
}
