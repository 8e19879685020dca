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

/**
 * The changelog replay as SQL: one query over a table's Parquet part files that gives its rows as
 * of a point of the changelog. {@code verify} runs it in an embedded DuckDB and compares its rows
 * with PostgreSQL; {@code query} defines it as a view; users can run the same text in their own
 * DuckDB or Spark. There is no other replay.
 *
 * <p>Semantics, over the change rows of every file:
 *
 * <ul>
 *   <li><b>Commit order</b>: {@code _lsn}, then {@code _partition} and {@code _offset}, the before
 *       image of an update before its after image.
 *   <li><b>Rows that apply</b>: reads, inserts and after images of updates upsert the row their key
 *       names; before images of updates and deletes remove it; a truncate ({@code _op='t'}, no
 *       image) removes every row committed before it. Rows of another op or image, or without their
 *       Kafka position, do not apply.
 *   <li><b>Copies</b>: a row whose {@code _topic}, {@code _partition}, {@code _offset} and {@code
 *       _image} repeat applies once (the first in commit order), and for a table with a key so does
 *       a row whose {@code _lsn}, key, {@code _image} and {@code _op} repeat (Debezium re-sent the
 *       event under a new offset).
 *   <li><b>TOAST</b>: a column named in a row's {@code _unavailable_columns} keeps the value the
 *       key's previous rows (after or before images) last carried, NULL included.
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
    private static final String TRUNCATED = "__cdc_lake_truncated";
    private static final String LAST_SEQ = "__cdc_lake_last_seq";
    private static final String COUNT = "__cdc_lake_count";
    private static final String CARRY = "__cdc_lake_carry_";

    private static final Set<String> METADATA =
            MetadataColumns.ALL.stream().map(LakeColumn::name).collect(Collectors.toSet());

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
        if (files.isEmpty()) {
            return emptyChanges(dialect);
        }
        List<PartFile> sorted = byAge(files);
        Map<String, Object> defaults = defaults(sorted);
        Map<String, LakeType> types = columnTypes(sorted);
        return dialect == SqlDialect.SPARK
                ? sparkChanges(sorted, defaults, types)
                : duckDbChanges(sorted, defaults, types);
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
        return new StateQuery(dialect, columns, keyColumns).sql(changes(dialect, files), asOf);
    }

    /** The current state's SQL, built for one dialect. */
    private static final class StateQuery {
        private final SqlDialect dialect;
        private final List<String> columns;
        private final List<String> key;

        StateQuery(SqlDialect dialect, List<String> columns, List<String> key) {
            this.dialect = dialect;
            this.columns = columns;
            this.key = key;
        }

        String sql(String changes, AsOf asOf) {
            StringBuilder sql = new StringBuilder("WITH ");
            sql.append(q("__cdc_lake_changes")).append(" AS (\n").append(changes).append("\n),\n");
            sql.append(q("__cdc_lake_valid"))
                    .append(" AS (\nSELECT * FROM ")
                    .append(q("__cdc_lake_changes"))
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
                sql.append(q("__cdc_lake_unique"))
                        .append(" AS (\nSELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ")
                        .append(q(MetadataColumns.LSN))
                        .append(", ")
                        .append(list(key))
                        .append(", ")
                        .append(list(MetadataColumns.IMAGE, MetadataColumns.OP))
                        .append(" ORDER BY ")
                        .append(commitOrder())
                        .append(") AS ")
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
            if (key.isEmpty()) {
                sql.append(multiset());
            } else {
                sql.append(latestPerKey());
            }
            return sql.toString();
        }

        /** Keyed: each key's last row, if it is an after image, unavailable columns carried. */
        private String latestPerKey() {
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
            latest.append("\nFROM ").append(q("__cdc_lake_live"));
            return select.append("\nFROM (")
                    .append(latest)
                    .append(") AS ")
                    .append(q("__cdc_lake_latest"))
                    .append("\nWHERE ")
                    .append(q(SEQ))
                    .append(" = ")
                    .append(q(LAST_SEQ))
                    .append(" AND ")
                    .append(q(MetadataColumns.IMAGE))
                    .append(" = 'after'")
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
            return q(MetadataColumns.TOPIC)
                    + " IS NOT NULL AND "
                    + q(MetadataColumns.PARTITION)
                    + " IS NOT NULL AND "
                    + q(MetadataColumns.OFFSET)
                    + " IS NOT NULL AND (\n  ("
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
                return "\nAND " + q(MetadataColumns.LSN) + " <= " + lsn.lsn();
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
            return q(MetadataColumns.LSN)
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
            List<PartFile> files, Map<String, Object> defaults, Map<String, LakeType> types) {
        SqlDialect dialect = SqlDialect.DUCKDB;
        Map<List<String>, List<PartFile>> groups = new LinkedHashMap<>();
        for (PartFile file : files) {
            List<String> missing = defaults.keySet().stream().filter(c -> !file.has(c)).toList();
            groups.computeIfAbsent(missing, m -> new ArrayList<>()).add(file);
        }
        List<String> selects = new ArrayList<>();
        for (Map.Entry<List<String>, List<PartFile>> group : groups.entrySet()) {
            StringBuilder select = new StringBuilder("SELECT *");
            for (String column : group.getKey()) {
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
