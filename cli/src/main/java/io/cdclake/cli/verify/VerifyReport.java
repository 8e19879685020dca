package io.cdclake.cli.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link LakeVerifier} found for one table: the lake's changelog replayed into rows and
 * compared with the table's rows in PostgreSQL.
 *
 * @param table {@code schema.table}
 * @param lake the lake root that was read
 * @param keyColumns the columns that identify a row (all of them for {@code REPLICA IDENTITY FULL})
 * @param keyOrigin {@code primary key}, {@code replica identity index} or {@code REPLICA IDENTITY FULL}
 * @param lakeFiles committed Parquet files of the table
 * @param lakeRowsByOp change rows in those files per {@code _op}
 * @param lakeLastLsn the highest {@code _lsn} in the lake, null when it is empty
 * @param lakeLastCommit the latest {@code _source_ts_ms} in the lake, null when it is empty
 * @param databaseLsn the database's WAL position when its rows were read, as PostgreSQL prints it
 *     (null when not available)
 * @param lakeRows rows of the state rebuilt from the lake
 * @param databaseRows rows of the table
 * @param missingRows rows of the table the lake does not have
 * @param extraRows rows of the lake the table does not have
 * @param differingRows rows in both whose values differ
 * @param differingColumns per column, how many rows differ in it
 * @param duplicateEvents change rows written more than once (copies beyond the first)
 * @param missingExamples keys of the first missing rows
 * @param extraExamples keys of the first extra rows
 * @param differenceExamples the first differing values
 * @param duplicateExamples the first duplicated change events
 * @param notes observations that do not decide the result (ignored columns, deletes of unknown rows)
 */
public record VerifyReport(
        String table,
        String lake,
        List<String> keyColumns,
        String keyOrigin,
        int lakeFiles,
        Map<String, Long> lakeRowsByOp,
        Long lakeLastLsn,
        Instant lakeLastCommit,
        String databaseLsn,
        long lakeRows,
        long databaseRows,
        long missingRows,
        long extraRows,
        long differingRows,
        Map<String, Long> differingColumns,
        long duplicateEvents,
        List<String> missingExamples,
        List<String> extraExamples,
        List<ValueDifference> differenceExamples,
        List<DuplicateEvent> duplicateExamples,
        List<String> notes) {

    /** One column of one row whose value differs; values as {@link #render()} prints them. */
    public record ValueDifference(String key, String column, String lakeValue, String databaseValue) {}

    /**
     * A change event found more than once in the lake.
     *
     * @param lsn its {@code _lsn}
     * @param key the key of its row
     * @param image its {@code _image}
     * @param op its {@code _op}
     * @param copies how many times it is there
     * @param sources where each copy came from: {@code topic-partition@offset in dt=.../part-...}
     */
    public record DuplicateEvent(Long lsn, String key, String image, String op, int copies, List<String> sources) {}

    /** True when the lake holds exactly the table's rows and no change event twice. */
    public boolean matches() {
        return missingRows == 0 && extraRows == 0 && differingRows == 0 && duplicateEvents == 0;
    }

    /** A report for people, several lines ending with a line that starts with {@code OK} or {@code MISMATCH}. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Table ").append(table).append(" in lake ").append(lake).append('\n');
        out.append("  rows identified by: ").append(keyColumns.size() > 4 && keyOrigin.contains("FULL")
                ? "all " + keyColumns.size() + " columns" : String.join(", ", keyColumns))
                .append(" (").append(keyOrigin).append(")\n");
        out.append("  lake:     ").append(lakeFiles).append(lakeFiles == 1 ? " file, " : " files, ")
                .append(lakeRowsByOp.values().stream().mapToLong(Long::longValue).sum()).append(" change rows (")
                .append(lakeRowsByOp.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                .append(")");
        if (lakeLastLsn != null) {
            out.append("; last change at LSN ").append(lsnText(lakeLastLsn));
        }
        if (lakeLastCommit != null) {
            out.append(", committed ").append(lakeLastCommit);
        }
        out.append('\n');
        out.append("            ").append(lakeRows).append(" rows after replaying the changes\n");
        out.append("  database: ").append(databaseRows).append(" rows");
        if (databaseLsn != null) {
            out.append(" (WAL at ").append(databaseLsn).append(")");
        }
        out.append('\n');
        line(out, "missing from the lake", missingRows, missingExamples);
        line(out, "extra in the lake", extraRows, extraExamples);
        out.append(String.format("  %-28s %d", "rows with different values:", differingRows));
        if (!differingColumns.isEmpty()) {
            out.append("  (").append(differingColumns.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))).append(")");
        }
        out.append('\n');
        for (ValueDifference d : differenceExamples) {
            out.append("      ").append(d.key()).append("  ").append(d.column()).append(": lake ")
                    .append(d.lakeValue()).append(", database ").append(d.databaseValue()).append('\n');
        }
        out.append(String.format("  %-28s %d%n", "duplicate change events:", duplicateEvents));
        for (DuplicateEvent d : duplicateExamples) {
            out.append("      LSN ").append(d.lsn() == null ? "?" : lsnText(d.lsn())).append(' ').append(d.key())
                    .append(' ').append(d.image() == null ? "" : d.image() + " ").append("(op ").append(d.op()).append("): ")
                    .append(d.copies()).append(" copies\n");
            for (String source : d.sources()) {
                out.append("        ").append(source).append('\n');
            }
        }
        for (String note : notes) {
            out.append("  note: ").append(note).append('\n');
        }
        if (matches()) {
            out.append("OK: the lake matches the database (").append(databaseRows).append(" rows)\n");
        } else {
            out.append("MISMATCH: the lake does not match the database\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, long count, List<String> examples) {
        out.append(String.format("  %-28s %d", label + ":", count));
        if (!examples.isEmpty()) {
            out.append("  e.g. ").append(String.join("; ", examples));
            if (count > examples.size()) {
                out.append("; ...");
            }
        }
        out.append('\n');
    }

    /** A WAL position as PostgreSQL prints it: {@code 16/B374D848}. */
    public static String lsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }
}
