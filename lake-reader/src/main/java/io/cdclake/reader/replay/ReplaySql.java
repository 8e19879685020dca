package io.cdclake.reader.replay;

import io.cdclake.format.CsvEncoding;
import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The changelog replay as SQL: one query over a table's Parquet part files that gives its rows as
 * of a point of the changelog. {@code verify} runs it in an embedded DuckDB and compares its rows
 * with PostgreSQL; {@code query} defines it as a view; users can run the same text in their own
 * DuckDB or Spark. There is no other replay.
 *
 * <p>Semantics, over the change rows of every file:
 *
 * <ul>
 *   <li><b>Commit order</b>: the replay LSN, then {@code _partition} and {@code _offset}, the
 *       before image of an update before its after image. A streamed change's replay LSN is its
 *       {@code _lsn}; a row read by an incremental snapshot (a table captured later, {@code capture
 *       snapshot}) has no {@code _lsn} (Debezium sends {@code source.lsn} null), its place is in
 *       Kafka, among the changes streamed while its chunk was read. So in each Kafka partition, in
 *       offset order, a read's replay LSN is the highest {@code _lsn} up to its offset (its own
 *       included), and a streamed change's no lower than the replay LSN of any read up to its
 *       offset: a transaction that wrote a row before a chunk's window closed but committed after
 *       it comes after the read in Kafka, with a lower LSN. A row's events are in one partition
 *       (Debezium keys them by primary key), so this never moves a row past another event of the
 *       same row. A read with nothing before it in its partition has no replay LSN and comes first,
 *       as an initial snapshot's reads, whose LSN is below every streamed change, do.
 *   <li><b>Rows that apply</b>: reads, inserts and after images of updates upsert the row their key
 *       names; before images of updates and deletes remove it; a truncate ({@code _op='t'}, no
 *       image) removes every row committed before it. Rows of another op or image, or without their
 *       Kafka position, do not apply.
 *   <li><b>Copies</b>: a row whose {@code _topic}, {@code _partition}, {@code _offset} and {@code
 *       _image} repeat applies once (the first in commit order), and for a table with a key so does
 *       a row whose {@code _lsn}, key, {@code _image} and {@code _op} repeat (Debezium re-sent the
 *       event under a new offset). Reads without an {@code _lsn} are never such copies of each
 *       other: reading a table again sends every row once more.
 *   <li><b>TOAST</b>: a column named in a row's {@code _unavailable_columns} keeps the value the
 *       key's previous rows (after or before images) last carried, NULL included.
 *   <li><b>As of</b> an LSN: the rows whose replay LSN is at most it, and reads without one.
 *   <li><b>No key</b>: a table without a key is a multiset of whole rows: each distinct row appears
 *       as many times as it was upserted minus removed.
 *   <li><b>Defaults of added columns</b>: PostgreSQL fills a column added with a default into the
 *       existing rows without writing them to the WAL, so a row of a file that lacks the column
 *       takes the default recorded for it ({@link TableMetadata}) in the oldest file that has the
 *       column: the default when the column was added. A later {@code SET DEFAULT} does not change
 *       existing rows, so newer files' defaults do not apply to them. Without one, NULL.
 * </ul>
 *
 * The state's columns are those of the newest file (by {@link PartFile#firstLsn}, then path) that
 * has table columns: a dropped column is gone from it, an added one is there.
 */
public final class ReplaySql {

    private static final String COPY = "__cdc_lake_copy";
    private static final String CONTENT_COPY = "__cdc_lake_content_copy";
    private static final String SEQ = "__cdc_lake_seq";
    private static final String LSN_UP_TO = "__cdc_lake_lsn_up_to";
    private static final String READ_LSN = "__cdc_lake_read_lsn";
    private static final String REPLAY_LSN = "__cdc_lake_lsn";
    private static final String TRUNCATED = "__cdc_lake_truncated";
    private static final String LAST_SEQ = "__cdc_lake_last_seq";
    private static final String COUNT = "__cdc_lake_count";
    private static final String CARRY = "__cdc_lake_carry_";

    private static final String BASE = "__cdc_lake_base";

    private static final Set<String> METADATA =
            Stream.concat(
                            MetadataColumns.ALL.stream().map(LakeColumn::name),
                            Stream.of(MetadataColumns.REPLAY_LSN))
                    .collect(Collectors.toSet());

    /** Files by age: smallest first LSN first, unknown ones last, then by path. */
    private static final Comparator<PartFile> AGE =
            Comparator.comparing(
                            PartFile::firstLsn, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(PartFile::path);

    private ReplaySql() {}

    /** Whether a column is one of the lake's metadata columns ({@code _op}, {@code _lsn}, ...). */
    public static boolean isMetadata(String column) {
        return METADATA.contains(column);
    }

    /** The files oldest first, the order every other method here reads them in. */
    public static List<PartFile> byAge(List<PartFile> files) {
        List<PartFile> sorted = new ArrayList<>(files);
        sorted.sort(AGE);
        return sorted;
    }

    /** The columns of {@link #changes}: every file's columns, in the order they first appear. */
    public static List<String> changeColumns(List<PartFile> files) {
        Set<String> columns = new LinkedHashSet<>();
        byAge(files).forEach(file -> columns.addAll(file.columns()));
        return List.copyOf(columns);
    }

    /** The columns of {@link #currentState}: the table's columns as the newest file has them. */
    public static List<String> stateColumns(List<PartFile> files) {
        List<PartFile> sorted = byAge(files);
        for (int i = sorted.size() - 1; i >= 0; i--) {
            List<String> columns =
                    sorted.get(i).columns().stream().filter(c -> !isMetadata(c)).toList();
            if (!columns.isEmpty()) {
                return columns;
            }
        }
        return List.of();
    }

    /** Each column's lake type, as the newest file that has the column and knows it gives. */
    public static Map<String, LakeType> columnTypes(List<PartFile> files) {
        Map<String, LakeType> types = new LinkedHashMap<>();
        byAge(files).forEach(file -> types.putAll(file.types()));
        return types;
    }

    /**
     * The table's key as the newest file with table metadata records it (empty list: no key, rows
     * are identified by all their columns); empty when no file has table metadata.
     */
    public static Optional<List<String>> keyColumns(List<PartFile> files) {
        List<PartFile> sorted = byAge(files);
        for (int i = sorted.size() - 1; i >= 0; i--) {
            Optional<TableMetadata> metadata = sorted.get(i).metadata();
            if (metadata.isPresent()) {
                return Optional.of(metadata.get().keyColumns());
            }
        }
        return Optional.empty();
    }

    /**
     * The default each added column takes in the rows of files without it, as a canonical value of
     * its lake type; only columns that some file lacks and that have a recorded default.
     *
     * @throws IllegalArgumentException a recorded default is not a value of its column's type
     */
    public static Map<String, Object> defaults(List<PartFile> files) {
        List<PartFile> sorted = byAge(files);
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (String column : changeColumns(sorted)) {
            if (isMetadata(column) || sorted.stream().allMatch(f -> f.has(column))) {
                continue;
            }
            Optional<PartFile> oldest =
                    sorted.stream()
                            .filter(f -> f.has(column) && f.metadata().isPresent())
                            .findFirst();
            if (oldest.isEmpty()) {
                continue;
            }
            String text = oldest.get().metadata().get().defaults().get(column);
            LakeType type = oldest.get().types().get(column);
            if (text == null || type == null) {
                continue;
            }
            try {
                defaults.put(column, CsvEncoding.read(type, text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the default of column "
                                + column
                                + " in "
                                + oldest.get().path()
                                + " is not a "
                                + type
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
        return defaults;
    }

    /**
     * Every change row of every file, the files' schemas unioned by name; a row of a file without a
     * column has the column's default ({@link #defaults}) or NULL.
     */
    public static String changes(SqlDialect dialect, List<PartFile> files) {
        return changes(dialect, files, StateBase.NONE);
    }

    /**
     * {@link #changes} of the files a compacted state does not cover, then the state's rows and
     * marks, which a column {@code __cdc_lake_base} tells apart.
     */
    private static String changes(SqlDialect dialect, List<PartFile> files, StateBase base) {
        if (base.isNone()) {
            if (files.isEmpty()) {
                return emptyChanges(dialect);
            }
            List<PartFile> sorted = byAge(files);
            Map<String, Object> defaults = defaults(sorted);
            Map<String, LakeType> types = columnTypes(sorted);
            return dialect == SqlDialect.SPARK
                    ? sparkChanges(sorted, defaults, types)
                    : duckDbChanges(sorted, defaults, types, Set.of());
        }
        List<PartFile> all = new ArrayList<>(base.files());
        all.addAll(files);
        List<PartFile> sorted = byAge(all);
        String rows =
                duckDbChanges(
                        sorted, defaults(sorted), columnTypes(sorted), Set.copyOf(base.files()));
        return "SELECT * FROM (\n"
                + rows
                + "\n) AS "
                + SqlText.identifier(dialect, "__cdc_lake_rows")
                + "\nUNION ALL BY NAME\n"
                + marks(dialect, base.marks());
    }

    /** A compacted state's marks as rows of the changes (which never apply but as a truncate). */
    private static String marks(SqlDialect dialect, List<StateBase.Mark> marks) {
        List<String> selects = new ArrayList<>();
        for (StateBase.Mark mark : marks) {
            selects.add(
                    "SELECT "
                            + SqlText.string(dialect, mark.op())
                            + " AS "
                            + SqlText.identifier(dialect, MetadataColumns.OP)
                            + ", CAST(NULL AS VARCHAR) AS "
                            + SqlText.identifier(dialect, MetadataColumns.IMAGE)
                            + ", "
                            + SqlText.string(dialect, mark.topic())
                            + " AS "
                            + SqlText.identifier(dialect, MetadataColumns.TOPIC)
                            + ", CAST("
                            + mark.partition()
                            + " AS INTEGER) AS "
                            + SqlText.identifier(dialect, MetadataColumns.PARTITION)
                            + ", CAST("
                            + mark.offset()
                            + " AS BIGINT) AS "
                            + SqlText.identifier(dialect, MetadataColumns.OFFSET)
                            + ", CAST("
                            + mark.lsn()
                            + " AS BIGINT) AS "
                            + SqlText.identifier(dialect, MetadataColumns.LSN)
                            + ", CAST("
                            + mark.replayLsn()
                            + " AS BIGINT) AS "
                            + SqlText.identifier(dialect, MetadataColumns.REPLAY_LSN)
                            // Before any point in time: a state read as of a time covers only
                            // changes up to it, its truncate included.
                            + ", CAST(0 AS BIGINT) AS "
                            + SqlText.identifier(dialect, MetadataColumns.SOURCE_TS_MS)
                            + ", true AS "
                            + SqlText.identifier(dialect, BASE));
        }
        if (selects.isEmpty()) {
            // No marks: a row of the right columns that the filter leaves out.
            selects.add(
                    "SELECT CAST(NULL AS VARCHAR) AS "
                            + SqlText.identifier(dialect, MetadataColumns.OP)
                            + ", CAST(NULL AS BIGINT) AS "
                            + SqlText.identifier(dialect, MetadataColumns.REPLAY_LSN)
                            + ", true AS "
                            + SqlText.identifier(dialect, BASE)
                            + " WHERE 1 = 0");
        }
        return String.join("\nUNION ALL BY NAME\n", selects);
    }

    /**
     * The table's rows as of {@code asOf}: the {@link #stateColumns}, no metadata columns.
     *
     * @param keyColumns the table's key columns; empty for a table whose rows are identified by all
     *     their columns
     * @throws IllegalArgumentException no files, no table columns, or a key column no file has
     */
    public static String currentState(
            SqlDialect dialect, List<PartFile> files, List<String> keyColumns, AsOf asOf) {
        return currentState(dialect, files, keyColumns, asOf, StateBase.NONE);
    }

    /**
     * The table's rows as of {@code asOf}, replayed from a compacted state ({@link StateBase}) and
     * the changes written after it: the same rows as the replay of every change would give.
     *
     * @param files the part files the state does not cover
     */
    public static String currentState(
            SqlDialect dialect,
            List<PartFile> files,
            List<String> keyColumns,
            AsOf asOf,
            StateBase base) {
        return stateQuery(dialect, files, keyColumns, base)
                .sql(changes(dialect, files, base), asOf);
    }

    /**
     * The state to compact into the current-state table: the rows {@link #currentState} gives, each
     * with the metadata columns of the change it last took (its {@code _unavailable_columns} empty:
     * carried values are filled in) and its replay LSN in {@link MetadataColumns#REPLAY_LSN}. A
     * table without a key keeps each of its identical rows with a change of its own. {@link #marks}
     * gives what the state needs besides its rows.
     */
    public static String compactedState(
            List<PartFile> files, List<String> keyColumns, StateBase base) {
        return stateQuery(SqlDialect.DUCKDB, files, keyColumns, base)
                .compacted(changes(SqlDialect.DUCKDB, files, base));
    }

    /**
     * For each update and delete of {@code files} (part files a compacted state does not cover),
     * how many of the state's rows have its key: the rows a change of the files may find before
     * them. Columns: {@code _topic, _partition, _offset, _image, rows}. A checker of the files'
     * changes starts from these counts instead of the changes the state covers.
     *
     * @param keyColumns the table's key; empty when the whole row identifies it
     */
    public static String stateRowsPerChange(
            List<PartFile> files, List<String> keyColumns, StateBase base) {
        SqlDialect d = SqlDialect.DUCKDB;
        List<PartFile> all = new ArrayList<>(base.files());
        all.addAll(files);
        List<String> key = keyColumns.isEmpty() ? stateColumns(all) : keyColumns;
        StringBuilder on = new StringBuilder();
        for (String column : key) {
            on.append(" AND c.")
                    .append(SqlText.identifier(d, column))
                    .append(" IS NOT DISTINCT FROM s.")
                    .append(SqlText.identifier(d, column));
        }
        String op = SqlText.identifier(d, MetadataColumns.OP);
        String image = SqlText.identifier(d, MetadataColumns.IMAGE);
        String base_ = SqlText.identifier(d, BASE);
        String position =
                "c."
                        + SqlText.identifier(d, MetadataColumns.TOPIC)
                        + ", c."
                        + SqlText.identifier(d, MetadataColumns.PARTITION)
                        + ", c."
                        + SqlText.identifier(d, MetadataColumns.OFFSET)
                        + ", c."
                        + image;
        return "WITH ch AS (\n"
                + changes(d, files, base)
                + "\n)\nSELECT "
                + position
                + ", count(s."
                + op
                + ") AS rows FROM ch AS c LEFT JOIN ch AS s ON s."
                + base_
                + " AND s."
                + op
                + " IS NOT NULL AND s."
                + image
                + " = 'after'"
                + on
                + " WHERE c."
                + base_
                + " IS NULL AND c."
                + op
                + " IN ('u', 'd') GROUP BY "
                + position;
    }

    /**
     * What the replay of later changes needs to know of the changes a compacted state covers: per
     * Kafka partition the furthest offset, the highest LSN and the highest replay LSN of a read
     * ({@link StateBase.Mark#position}), and the last truncate ({@link StateBase.Mark#truncate}).
     * Columns: {@code _op, _topic, _partition, _offset, _lsn, _replay_lsn}.
     */
    public static String marks(List<PartFile> files, List<String> keyColumns, StateBase base) {
        return stateQuery(SqlDialect.DUCKDB, files, keyColumns, base)
                .marks(changes(SqlDialect.DUCKDB, files, base));
    }

    private static StateQuery stateQuery(
            SqlDialect dialect,
            List<PartFile> changedFiles,
            List<String> keyColumns,
            StateBase base) {
        if (!base.isNone() && dialect != SqlDialect.DUCKDB) {
            throw new IllegalArgumentException("a compacted state is replayed in DuckDB only");
        }
        List<PartFile> files = new ArrayList<>(base.files());
        files.addAll(changedFiles);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no part files to replay");
        }
        List<String> columns = stateColumns(files);
        List<String> all = changeColumns(files);
        for (String key : keyColumns) {
            if (!all.contains(key)) {
                throw new IllegalArgumentException(
                        "key column " + key + " is in none of the part files");
            }
        }
        if (columns.isEmpty()) {
            columns = keyColumns;
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("the part files have no table columns");
        }
        return new StateQuery(dialect, columns, keyColumns, !base.isNone());
    }

    /** The current state's SQL, built for one dialect. */
    private static final class StateQuery {
        private final SqlDialect dialect;
        private final List<String> columns;
        private final List<String> key;
        private final boolean based;

        StateQuery(SqlDialect dialect, List<String> columns, List<String> key, boolean based) {
            this.dialect = dialect;
            this.columns = columns;
            this.key = key;
            this.based = based;
        }

        String sql(String changes, AsOf asOf) {
            StringBuilder sql = live(changes, asOf);
            if (key.isEmpty()) {
                sql.append(multiset());
            } else {
                sql.append(latestPerKey(false));
            }
            return sql.toString();
        }

        String compacted(String changes) {
            StringBuilder sql = live(changes, AsOf.none());
            if (key.isEmpty()) {
                sql.append(multisetWithChanges());
            } else {
                sql.append(latestPerKey(true));
            }
            return sql.toString();
        }

        String marks(String changes) {
            StringBuilder sql = live(changes, AsOf.none());
            String op = q(MetadataColumns.OP);
            String topic = q(MetadataColumns.TOPIC);
            String partition = q(MetadataColumns.PARTITION);
            sql.append("SELECT 'p' AS ")
                    .append(op)
                    .append(", ")
                    .append(topic)
                    .append(", ")
                    .append(partition)
                    .append(", max(")
                    .append(q(MetadataColumns.OFFSET))
                    .append(") AS ")
                    .append(q(MetadataColumns.OFFSET))
                    .append(", max(")
                    .append(q(MetadataColumns.LSN))
                    .append(") AS ")
                    .append(q(MetadataColumns.LSN))
                    .append(", max(")
                    .append(q(READ_LSN))
                    .append(") AS ")
                    .append(q(MetadataColumns.REPLAY_LSN))
                    .append(" FROM ")
                    .append(q("__cdc_lake_placed"))
                    .append(" GROUP BY ")
                    .append(topic)
                    .append(", ")
                    .append(partition)
                    .append("\nUNION ALL\n")
                    // The last truncate: rows it removed must stay removed, whatever partition a
                    // later change of a lower LSN comes in.
                    .append("SELECT * FROM (SELECT 't' AS ")
                    .append(op)
                    .append(", ")
                    .append(topic)
                    .append(", ")
                    .append(partition)
                    .append(", ")
                    .append(q(MetadataColumns.OFFSET))
                    .append(", ")
                    .append(q(MetadataColumns.LSN))
                    .append(", ")
                    .append(q(REPLAY_LSN))
                    .append(" AS ")
                    .append(q(MetadataColumns.REPLAY_LSN))
                    .append(" FROM ")
                    .append(q("__cdc_lake_ordered"))
                    .append(" WHERE ")
                    .append(op)
                    .append(" = 't' ORDER BY ")
                    .append(q(SEQ))
                    .append(" DESC LIMIT 1) AS ")
                    .append(q("__cdc_lake_last_truncate"));
            return sql.toString();
        }

        /** The replay up to the rows that count: {@code __cdc_lake_live}, a truncate applied. */
        private StringBuilder live(String changes, AsOf asOf) {
            StringBuilder sql = new StringBuilder("WITH ");
            sql.append(q("__cdc_lake_changes")).append(" AS (\n").append(changes).append("\n),\n");
            appendReplayLsn(sql);
            sql.append(q("__cdc_lake_valid"))
                    .append(" AS (\nSELECT * FROM ")
                    .append(q("__cdc_lake_placed"))
                    .append("\nWHERE ")
                    .append(validRows())
                    .append(asOfCondition(asOf))
                    .append("\n),\n");
            // Copies of one Kafka record's row: the first in commit order applies.
            sql.append(q("__cdc_lake_once"))
                    .append(" AS (\nSELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ")
                    .append(list(MetadataColumns.TOPIC, MetadataColumns.PARTITION))
                    .append(", ")
                    .append(list(MetadataColumns.OFFSET, MetadataColumns.IMAGE))
                    .append(" ORDER BY ")
                    .append(commitOrder())
                    .append(") AS ")
                    .append(q(COPY))
                    .append(" FROM ")
                    .append(q("__cdc_lake_valid"))
                    .append(") AS ")
                    .append(q("__cdc_lake_t1"))
                    .append(" WHERE ")
                    .append(q(COPY))
                    .append(" = 1\n),\n");
            String unique = "__cdc_lake_once";
            if (!key.isEmpty()) {
                // An event Debezium sent again under a new offset: same LSN, key, image and op.
                // Reads without an LSN are not: reading a table again sends every row once more.
                sql.append(q("__cdc_lake_unique"))
                        .append(" AS (\nSELECT * FROM (SELECT *, CASE WHEN ")
                        .append(q(MetadataColumns.LSN))
                        .append(" IS NULL THEN 1 ELSE row_number() OVER (PARTITION BY ")
                        .append(q(MetadataColumns.LSN))
                        .append(", ")
                        .append(list(key))
                        .append(", ")
                        .append(list(MetadataColumns.IMAGE, MetadataColumns.OP))
                        .append(" ORDER BY ")
                        .append(commitOrder())
                        .append(") END AS ")
                        .append(q(CONTENT_COPY))
                        .append(" FROM ")
                        .append(q("__cdc_lake_once"))
                        .append(") AS ")
                        .append(q("__cdc_lake_t2"))
                        .append(" WHERE ")
                        .append(q(CONTENT_COPY))
                        .append(" = 1\n),\n");
                unique = "__cdc_lake_unique";
            }
            // A truncate removes every row committed before it.
            sql.append(q("__cdc_lake_ordered"))
                    .append(" AS (\nSELECT *, row_number() OVER (ORDER BY ")
                    .append(commitOrder())
                    .append(") AS ")
                    .append(q(SEQ))
                    .append(" FROM ")
                    .append(q(unique))
                    .append("\n),\n");
            sql.append(q("__cdc_lake_live"))
                    .append(" AS (\nSELECT * FROM (SELECT *, max(CASE WHEN ")
                    .append(q(MetadataColumns.OP))
                    .append(" = 't' THEN ")
                    .append(q(SEQ))
                    .append(" END) OVER () AS ")
                    .append(q(TRUNCATED))
                    .append(" FROM ")
                    .append(q("__cdc_lake_ordered"))
                    .append(") AS ")
                    .append(q("__cdc_lake_t3"))
                    .append(" WHERE ")
                    .append(q(MetadataColumns.OP))
                    .append(" <> 't' AND ")
                    .append(q(SEQ))
                    .append(" > coalesce(")
                    .append(q(TRUNCATED))
                    .append(", 0)\n)\n");
            return sql;
        }

        /**
         * The replay LSN of every row with its Kafka position ({@code __cdc_lake_placed}), as the
         * class explains: running maxima over each partition in offset order. "Before" a row is
         * here up to its offset, the rows at that offset included (the images of one event, copies
         * of one Kafka record): a frame ending at the current row's peers is one DuckDB keeps
         * running, where one ending at the offset before it costs a search per row (ten times the
         * whole replay over a million rows). Rows without their position are invalid and left out
         * here already.
         */
        private void appendReplayLsn(StringBuilder sql) {
            String op = q(MetadataColumns.OP);
            String lsn = q(MetadataColumns.LSN);
            String upTo =
                    " OVER (PARTITION BY "
                            + list(MetadataColumns.TOPIC, MetadataColumns.PARTITION)
                            + " ORDER BY "
                            + q(MetadataColumns.OFFSET)
                            + " RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
            sql.append(q("__cdc_lake_positioned"))
                    .append(" AS (\nSELECT *, max(")
                    .append(lsn)
                    .append(")")
                    .append(upTo)
                    .append(" AS ")
                    .append(q(LSN_UP_TO))
                    .append(" FROM ")
                    .append(q("__cdc_lake_changes"))
                    .append("\nWHERE ")
                    .append(hasPosition())
                    .append("\n),\n");
            // A read: the highest LSN up to it in its partition, its own included.
            // A compacted state's row keeps the replay LSN it had; its partition's mark carries
            // the highest replay LSN of a read the state covers.
            String baseRead =
                    based
                            ? q(BASE)
                                    + " THEN CASE WHEN "
                                    + op
                                    + " IN ('r', 'p') THEN "
                                    + q(MetadataColumns.REPLAY_LSN)
                                    + " END WHEN "
                            : "";
            sql.append(q("__cdc_lake_read"))
                    .append(" AS (\nSELECT *, CASE WHEN ")
                    .append(baseRead)
                    .append(op)
                    .append(" = 'r' THEN ")
                    .append(q(LSN_UP_TO))
                    .append(" END AS ")
                    .append(q(READ_LSN))
                    .append(" FROM ")
                    .append(q("__cdc_lake_positioned"))
                    .append("\n),\n");
            // A streamed change: no lower than any read up to it in its partition (coalesce: no
            // read yet, and whatever the engine's greatest does with NULL).
            sql.append(q("__cdc_lake_placed"))
                    .append(" AS (\nSELECT *, CASE WHEN ")
                    .append(
                            based
                                    ? q(BASE) + " THEN " + q(MetadataColumns.REPLAY_LSN) + " WHEN "
                                    : "")
                    .append(op)
                    .append(" = 'r' THEN ")
                    .append(q(READ_LSN))
                    .append(" WHEN ")
                    .append(lsn)
                    .append(" IS NULL THEN NULL ELSE ")
                    .append("greatest(")
                    .append(lsn)
                    .append(", coalesce(max(")
                    .append(q(READ_LSN))
                    .append(")")
                    .append(upTo)
                    .append(", ")
                    .append(lsn)
                    .append("))")
                    .append(" END AS ")
                    .append(q(REPLAY_LSN))
                    .append(" FROM ")
                    .append(q("__cdc_lake_read"))
                    .append("\n),\n");
        }

        private String hasPosition() {
            return q(MetadataColumns.TOPIC)
                    + " IS NOT NULL AND "
                    + q(MetadataColumns.PARTITION)
                    + " IS NOT NULL AND "
                    + q(MetadataColumns.OFFSET)
                    + " IS NOT NULL";
        }

        /**
         * Keyed: each key's last row, if it is an after image, unavailable columns carried; with
         * its change's metadata columns and replay LSN for a compacted state.
         */
        private String latestPerKey(boolean withChange) {
            String partition = "PARTITION BY " + list(key);
            StringBuilder select = new StringBuilder("SELECT ");
            StringBuilder latest = new StringBuilder("SELECT *, max(");
            latest.append(q(SEQ))
                    .append(") OVER (")
                    .append(partition)
                    .append(") AS ")
                    .append(q(LAST_SEQ));
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                if (i > 0) {
                    select.append(", ");
                }
                if (key.contains(column)) {
                    select.append(q(column));
                    continue;
                }
                String carry = q(CARRY + i);
                latest.append(",\n  ")
                        .append(lastAvailable(column))
                        .append(" OVER (")
                        .append(partition)
                        .append(" ORDER BY ")
                        .append(q(SEQ))
                        .append(" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ")
                        .append(carry);
                select.append(field(carry)).append(" AS ").append(q(column));
            }
            String lastAfter =
                    q(SEQ)
                            + " = "
                            + q(LAST_SEQ)
                            + " AND "
                            + q(MetadataColumns.IMAGE)
                            + " = 'after'";
            if (withChange) {
                // The before image of the update that left the row: a copy of that update sent
                // again later (same LSN, key, image and op) must find it to be a copy, or its
                // before image would remove the row.
                StringBuilder sameEvent =
                        new StringBuilder(
                                " OR ("
                                        + q(MetadataColumns.IMAGE)
                                        + " = 'before' AND "
                                        + q(MetadataColumns.OP)
                                        + " = 'u'");
                for (String column :
                        List.of(
                                MetadataColumns.IMAGE,
                                MetadataColumns.TOPIC,
                                MetadataColumns.PARTITION,
                                MetadataColumns.OFFSET)) {
                    String last = q("__cdc_lake_last" + column);
                    latest.append(",\n  last_value(")
                            .append(q(column))
                            .append(") OVER (")
                            .append(partition)
                            .append(" ORDER BY ")
                            .append(q(SEQ))
                            .append(
                                    " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS"
                                            + " ")
                            .append(last);
                    sameEvent
                            .append(" AND ")
                            .append(
                                    column.equals(MetadataColumns.IMAGE)
                                            ? last + " = 'after'"
                                            : q(column) + " = " + last);
                }
                lastAfter = "(" + lastAfter + ")" + sameEvent + ")";
                select.append(changeMetadata());
            }
            latest.append("\nFROM ").append(q("__cdc_lake_live"));
            return select.append("\nFROM (")
                    .append(latest)
                    .append(") AS ")
                    .append(q("__cdc_lake_latest"))
                    .append("\nWHERE ")
                    .append(lastAfter)
                    .toString();
        }

        /**
         * No key, for a compacted state: the copies of each distinct row that are left when each
         * removal takes the copy upserted last before it, each with the metadata of its upsert; and
         * the removals that found no copy (its upsert is in a Kafka partition read behind the one
         * of its removal), as their before images, so that the upsert still to come is taken back.
         * Taking the last copy is what PostgreSQL did: had a truncate come between two upserts, the
         * removal could only have taken the later; a truncate that comes later in Kafka with a
         * lower LSN then finds the rows it removed still there to remove.
         *
         * <p>In a row's changes in commit order with the running sum of +1 per upsert and -1 per
         * removal, an upsert survives when the sum never falls below its own after it; a removal
         * found no copy when it takes the sum below every earlier value and below zero.
         */
        private String multisetWithChanges() {
            String all = list(columns);
            String after = q(MetadataColumns.IMAGE) + " = 'after'";
            String window = " OVER (PARTITION BY " + all + " ORDER BY " + q(SEQ) + " ROWS BETWEEN ";
            String running = q("__cdc_lake_running");
            String lowestAhead = q("__cdc_lake_lowest_ahead");
            String lowestBefore = q("__cdc_lake_lowest_before");
            return "SELECT "
                    + all
                    + changeMetadata()
                    + "\nFROM (SELECT *, min("
                    + running
                    + ")"
                    + window
                    + "CURRENT ROW AND UNBOUNDED FOLLOWING) AS "
                    + lowestAhead
                    + ", coalesce(min("
                    + running
                    + ")"
                    + window
                    + "UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS "
                    + lowestBefore
                    + "\nFROM (SELECT *, sum(CASE WHEN "
                    + after
                    + " THEN 1 ELSE -1 END)"
                    + window
                    + "UNBOUNDED PRECEDING AND CURRENT ROW) AS "
                    + running
                    + " FROM "
                    + q("__cdc_lake_live")
                    + ") AS "
                    + q("__cdc_lake_summed")
                    + ") AS "
                    + q("__cdc_lake_counted")
                    + "\nWHERE CASE WHEN "
                    + after
                    + " THEN "
                    + running
                    + " <= "
                    + lowestAhead
                    + " ELSE "
                    + running
                    + " < least("
                    + lowestBefore
                    + ", 0) END";
        }

        /** The metadata columns of a compacted state's row, after its table columns. */
        private String changeMetadata() {
            StringBuilder select = new StringBuilder();
            for (LakeColumn column : MetadataColumns.ALL) {
                select.append(", ");
                if (column.name().equals(MetadataColumns.UNAVAILABLE_COLUMNS)) {
                    select.append("CAST(NULL AS VARCHAR) AS ").append(q(column.name()));
                } else {
                    select.append(q(column.name()));
                }
            }
            return select.append(", ")
                    .append(q(REPLAY_LSN))
                    .append(" AS ")
                    .append(q(MetadataColumns.REPLAY_LSN))
                    .toString();
        }

        /** No key: each distinct row as many times as upserted minus removed. */
        private String multiset() {
            String all = list(columns);
            String counted =
                    "SELECT "
                            + all
                            + ", CAST(sum(CASE WHEN "
                            + q(MetadataColumns.IMAGE)
                            + " = 'after' THEN 1 ELSE -1 END) AS BIGINT) AS "
                            + q(COUNT)
                            + " FROM "
                            + q("__cdc_lake_live")
                            + " GROUP BY "
                            + all;
            if (dialect == SqlDialect.SPARK) {
                return "SELECT "
                        + all
                        + "\nFROM ("
                        + counted
                        + ") AS "
                        + q("__cdc_lake_counted")
                        + "\nLATERAL VIEW explode(sequence(1, "
                        + q(COUNT)
                        + ")) "
                        + q("__cdc_lake_copies")
                        + " AS "
                        + q("__cdc_lake_i")
                        + "\nWHERE "
                        + q(COUNT)
                        + " > 0";
            }
            return "SELECT "
                    + all
                    + "\nFROM (SELECT "
                    + all
                    + ", unnest(range("
                    + q(COUNT)
                    + ")) AS "
                    + q("__cdc_lake_i")
                    + " FROM ("
                    + counted
                    + ") AS "
                    + q("__cdc_lake_counted")
                    + " WHERE "
                    + q(COUNT)
                    + " > 0) AS "
                    + q("__cdc_lake_copies");
        }

        /**
         * The column's value in the last row (up to this one) where it was available; a struct
         * wraps it so that a NULL the row really had counts as a value.
         */
        private String lastAvailable(String column) {
            String unavailable =
                    dialect == SqlDialect.SPARK
                            ? "array_contains(split(coalesce("
                                    + q(MetadataColumns.UNAVAILABLE_COLUMNS)
                                    + ", ''), ','), "
                                    + SqlText.string(dialect, column)
                                    + ")"
                            : "list_contains(string_split(coalesce("
                                    + q(MetadataColumns.UNAVAILABLE_COLUMNS)
                                    + ", ''), ','), "
                                    + SqlText.string(dialect, column)
                                    + ")";
            String wrapped =
                    dialect == SqlDialect.SPARK
                            ? "named_struct('v', " + q(column) + ")"
                            : "struct_pack(v := " + q(column) + ")";
            String available = "CASE WHEN NOT " + unavailable + " THEN " + wrapped + " END";
            return dialect == SqlDialect.SPARK
                    ? "last(" + available + ", true)"
                    : "last_value(" + available + " IGNORE NULLS)";
        }

        private String field(String struct) {
            return dialect == SqlDialect.SPARK
                    ? struct + ".v"
                    : "struct_extract(" + struct + ", 'v')";
        }

        private String validRows() {
            String op = q(MetadataColumns.OP);
            String image = q(MetadataColumns.IMAGE);
            return "(\n  ("
                    + op
                    + " IN ('r', 'c') AND "
                    + image
                    + " = 'after')\n  OR ("
                    + op
                    + " = 'u' AND "
                    + image
                    + " IN ('before', 'after'))\n  OR ("
                    + op
                    + " = 'd' AND "
                    + image
                    + " = 'before')\n  OR ("
                    + op
                    + " = 't' AND "
                    + image
                    + " IS NULL))";
        }

        private String asOfCondition(AsOf asOf) {
            if (asOf instanceof AsOf.Lsn lsn) {
                // A read with no replay LSN comes first, so it belongs to every point.
                return "\nAND ("
                        + q(REPLAY_LSN)
                        + " IS NULL OR "
                        + q(REPLAY_LSN)
                        + " <= "
                        + lsn.lsn()
                        + ")";
            }
            if (asOf instanceof AsOf.Timestamp time) {
                return "\nAND "
                        + q(MetadataColumns.SOURCE_TS_MS)
                        + " <= "
                        + time.time().toEpochMilli();
            }
            return "";
        }

        private String commitOrder() {
            return q(REPLAY_LSN)
                    + " ASC NULLS FIRST, "
                    + q(MetadataColumns.PARTITION)
                    + " ASC NULLS FIRST, "
                    + q(MetadataColumns.OFFSET)
                    + " ASC NULLS FIRST, CASE "
                    + q(MetadataColumns.IMAGE)
                    + " WHEN 'before' THEN 0 WHEN 'after' THEN 2 ELSE 1 END, "
                    + q(MetadataColumns.TOPIC)
                    + " ASC NULLS FIRST";
        }

        private String list(String... names) {
            return list(List.of(names));
        }

        private String list(List<String> names) {
            return names.stream().map(this::q).collect(Collectors.joining(", "));
        }

        private String q(String name) {
            return SqlText.identifier(dialect, name);
        }
    }

    /**
     * DuckDB: the files in one {@code read_parquet} with {@code union_by_name}, except that files
     * lacking a column with a default are read apart and given it, joined {@code UNION ALL BY
     * NAME}. Hive partitioning stays off: {@code dt} is a folder, not a column.
     */
    private static String duckDbChanges(
            List<PartFile> files,
            Map<String, Object> defaults,
            Map<String, LakeType> types,
            Set<PartFile> baseFiles) {
        SqlDialect dialect = SqlDialect.DUCKDB;
        Map<List<Object>, List<PartFile>> groups = new LinkedHashMap<>();
        for (PartFile file : files) {
            List<String> missing = defaults.keySet().stream().filter(c -> !file.has(c)).toList();
            groups.computeIfAbsent(
                            List.of(missing, baseFiles.contains(file)), m -> new ArrayList<>())
                    .add(file);
        }
        List<String> selects = new ArrayList<>();
        for (Map.Entry<List<Object>, List<PartFile>> group : groups.entrySet()) {
            StringBuilder select = new StringBuilder("SELECT *");
            if ((Boolean) group.getKey().get(1)) {
                select.append(", true AS ").append(SqlText.identifier(dialect, BASE));
            }
            @SuppressWarnings("unchecked")
            List<String> missing = (List<String>) group.getKey().get(0);
            for (String column : missing) {
                select.append(", ")
                        .append(SqlText.literal(dialect, types.get(column), defaults.get(column)))
                        .append(" AS ")
                        .append(SqlText.identifier(dialect, column));
            }
            select.append(" FROM read_parquet([");
            select.append(
                    group.getValue().stream()
                            .map(f -> SqlText.string(dialect, f.path()))
                            .collect(Collectors.joining(", ")));
            select.append("], union_by_name = true, hive_partitioning = false)");
            selects.add(select.toString());
        }
        if (selects.size() == 1) {
            return selects.get(0);
        }
        if (!baseFiles.isEmpty()) {
            return String.join("\nUNION ALL BY NAME\n", selects);
        }
        String columns =
                changeColumns(files).stream()
                        .map(c -> SqlText.identifier(dialect, c))
                        .collect(Collectors.joining(", "));
        return "SELECT "
                + columns
                + " FROM (\n"
                + String.join("\nUNION ALL BY NAME\n", selects)
                + "\n) AS "
                + SqlText.identifier(dialect, "__cdc_lake_files");
    }

    /**
     * Spark: files of the same columns read together (a path glob), each group projected onto all
     * columns, a missing one as its default or a typed NULL, and the groups joined with {@code
     * UNION ALL}. Every scan reads files of one schema, so no {@code mergeSchema} is needed, which
     * a SELECT could not set anyway.
     */
    private static String sparkChanges(
            List<PartFile> files, Map<String, Object> defaults, Map<String, LakeType> types) {
        SqlDialect dialect = SqlDialect.SPARK;
        List<String> all = changeColumns(files);
        Map<List<String>, List<PartFile>> groups = new LinkedHashMap<>();
        for (PartFile file : files) {
            groups.computeIfAbsent(file.columns(), c -> new ArrayList<>()).add(file);
        }
        List<String> selects = new ArrayList<>();
        for (Map.Entry<List<String>, List<PartFile>> group : groups.entrySet()) {
            List<String> projection = new ArrayList<>();
            for (String column : all) {
                String name = SqlText.identifier(dialect, column);
                if (group.getKey().contains(column)) {
                    projection.add(name);
                } else if (defaults.containsKey(column)) {
                    projection.add(
                            SqlText.literal(dialect, types.get(column), defaults.get(column))
                                    + " AS "
                                    + name);
                } else {
                    LakeType type =
                            Objects.requireNonNullElse(
                                    types.get(column), LakeType.of(LakeType.Kind.STRING));
                    projection.add(SqlText.nullOf(dialect, type) + " AS " + name);
                }
            }
            selects.add(
                    "SELECT "
                            + String.join(", ", projection)
                            + " FROM parquet."
                            + SqlText.identifier(dialect, glob(group.getValue())));
        }
        return String.join("\nUNION ALL\n", selects);
    }

    /** One path, or {@code prefix/{a,b}} with Hadoop's glob characters of the names escaped. */
    private static String glob(List<PartFile> files) {
        if (files.size() == 1) {
            return escapeGlob(files.get(0).path());
        }
        String first = files.get(0).path();
        int prefix = first.lastIndexOf('/') + 1;
        for (PartFile file : files) {
            String path = file.path();
            int common = 0;
            while (common < Math.min(prefix, path.length())
                    && path.charAt(common) == first.charAt(common)) {
                common++;
            }
            prefix = first.lastIndexOf('/', common - 1) + 1;
        }
        String base = first.substring(0, prefix);
        List<String> rest = new ArrayList<>();
        for (PartFile file : files) {
            rest.add(escapeGlob(file.path().substring(base.length())));
        }
        return escapeGlob(base) + "{" + String.join(",", rest) + "}";
    }

    private static String escapeGlob(String path) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if ("\\*?[]{},".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** No files: the metadata columns, no rows. */
    private static String emptyChanges(SqlDialect dialect) {
        List<String> columns = new ArrayList<>();
        for (LakeColumn column : MetadataColumns.ALL) {
            columns.add(
                    SqlText.nullOf(dialect, column.type())
                            + " AS "
                            + SqlText.identifier(dialect, column.name()));
        }
        return "SELECT " + String.join(", ", columns) + " WHERE 1 = 0";
    }
}
