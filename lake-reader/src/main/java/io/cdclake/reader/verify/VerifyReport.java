package io.cdclake.reader.verify;

import io.cdclake.reader.state.Coverage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link LakeVerifier} found for one table: the lake's changelog replayed into rows and
 * compared with the table's rows in PostgreSQL, the change rows checked for ones that cannot be
 * applied, the CSV files compared with the Parquet files, and what writers left behind.
 *
 * @param table {@code schema.table}, and its source where the lake names one
 * @param lake the lake root that was read
 * @param keyColumns the columns that identify a row (all of them for {@code REPLICA IDENTITY FULL})
 * @param keyOrigin {@code primary key}, {@code replica identity index} or {@code REPLICA IDENTITY
 *     FULL}
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
 * @param notes observations that do not decide the result (ignored columns)
 * @param invalidRows change rows of an unknown {@code _op} or {@code _image}, or without their
 *     Kafka position
 * @param changesOfUnseenRows updates and deletes of rows the lake never had
 * @param csv the CSV files against the Parquet files; null when CSV was not checked
 * @param leftovers in-progress files and incomplete uploads; null when not looked for
 * @param covered the compacted state the lake's side started from; null when every part file was
 *     read
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
        List<String> notes,
        Finding invalidRows,
        Finding changesOfUnseenRows,
        CsvCheck csv,
        Leftovers leftovers,
        Covered covered) {

    /**
     * The compacted state a verification started from, instead of every part file.
     *
     * @param stateTable the current-state table
     * @param snapshotId its snapshot read
     * @param coveredFiles the Parquet part files it covers, not read
     * @param readFiles the Parquet part files written since, read
     * @param checks what the compactions found checking the files covered
     */
    public record Covered(
            String stateTable,
            long snapshotId,
            int coveredFiles,
            int readFiles,
            Coverage.Checks checks) {}

    /** How often one kind of finding occurred, and the first examples. */
    public record Finding(long count, List<String> examples) {
        public Finding {
            examples = List.copyOf(examples);
        }

        static Finding none() {
            return new Finding(0, List.of());
        }
    }

    /**
     * The CSV files of the table against its Parquet files, row by row ({@code _topic}, {@code
     * _partition}, {@code _offset}, {@code _image}) and value by value.
     *
     * @param files CSV files read
     * @param rows data lines in them
     * @param problems files that do not parse to their end, or whose header is not the Parquet
     *     columns of the same table version: file and line
     * @param onlyInParquet Parquet rows no CSV file has
     * @param onlyInCsv CSV rows no Parquet file has
     * @param differingRows rows in both whose values differ (an example names the first differing
     *     column)
     * @param repeatedRows CSV rows whose {@code _topic/_partition/_offset/_image} occurred before
     */
    public record CsvCheck(
            int files,
            long rows,
            Finding problems,
            Finding onlyInParquet,
            Finding onlyInCsv,
            Finding differingRows,
            Finding repeatedRows) {

        public boolean consistent() {
            return problems.count() == 0
                    && onlyInParquet.count() == 0
                    && onlyInCsv.count() == 0
                    && differingRows.count() == 0
                    && repeatedRows.count() == 0;
        }
    }

    /**
     * What writers left in the bucket, older than {@code olderThan}; warnings, not failures.
     *
     * @param inProgressFiles the table's hidden in-progress part files ({@code
     *     .part-*.inprogress.*})
     * @param youngerInProgressFiles in-progress part files younger than that, likely still being
     *     written
     * @param incompleteUploads incomplete S3 multipart uploads under the lake root
     * @param youngerUploads incomplete uploads younger than that
     * @param uploadsNotListed why the uploads were not listed (not S3, or the server refused); null
     *     when they were
     */
    public record Leftovers(
            Duration olderThan,
            Finding inProgressFiles,
            long youngerInProgressFiles,
            Finding incompleteUploads,
            long youngerUploads,
            String uploadsNotListed) {}

    /** One column of one row whose value differs; values as {@link #render()} prints them. */
    public record ValueDifference(
            String key, String column, String lakeValue, String databaseValue) {}

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
    public record DuplicateEvent(
            Long lsn, String key, String image, String op, int copies, List<String> sources) {}

    /**
     * True when the lake holds exactly the table's rows, no change event twice, no change row it
     * cannot apply, and CSV files (when checked) with the same rows and values as the Parquet
     * files. Leftovers do not count.
     */
    public boolean matches() {
        return missingRows == 0
                && extraRows == 0
                && differingRows == 0
                && duplicateEvents == 0
                && invalidRows.count() == 0
                && changesOfUnseenRows.count() == 0
                && (csv == null || csv.consistent());
    }

    /**
     * A report for people, several lines ending with a line that starts with {@code OK} or {@code
     * MISMATCH}.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Table ").append(table).append(" in lake ").append(lake).append('\n');
        out.append("  rows identified by: ")
                .append(
                        keyColumns.size() > 4 && keyOrigin.contains("FULL")
                                ? "all " + keyColumns.size() + " columns"
                                : String.join(", ", keyColumns))
                .append(" (")
                .append(keyOrigin)
                .append(")\n");
        out.append("  lake:     ")
                .append(lakeFiles)
                .append(lakeFiles == 1 ? " file" : " files")
                .append(covered == null ? ", " : " since the state, ")
                .append(lakeRowsByOp.values().stream().mapToLong(Long::longValue).sum())
                .append(" change rows (")
                .append(
                        lakeRowsByOp.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")))
                .append(")");
        if (lakeLastLsn != null) {
            out.append("; last change at LSN ").append(lsnText(lakeLastLsn));
        }
        if (lakeLastCommit != null) {
            out.append(", committed ").append(lakeLastCommit);
        }
        out.append('\n');
        if (covered != null) {
            out.append("  state:    ")
                    .append(covered.stateTable())
                    .append(" snapshot ")
                    .append(covered.snapshotId())
                    .append(" covers ")
                    .append(covered.coveredFiles())
                    .append(" earlier files, checked when compacted (")
                    .append(covered.checks().csvChecked().size())
                    .append(" CSV files; ")
                    .append(covered.checks().csvPending().size())
                    .append(" Parquet files compared again here)\n");
        }
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
            out.append("  (")
                    .append(
                            differingColumns.entrySet().stream()
                                    .map(e -> e.getKey() + ": " + e.getValue())
                                    .collect(Collectors.joining(", ")))
                    .append(")");
        }
        out.append('\n');
        for (ValueDifference d : differenceExamples) {
            out.append("      ")
                    .append(d.key())
                    .append("  ")
                    .append(d.column())
                    .append(": lake ")
                    .append(d.lakeValue())
                    .append(", database ")
                    .append(d.databaseValue())
                    .append('\n');
        }
        out.append(String.format("  %-28s %d%n", "duplicate change events:", duplicateEvents));
        for (DuplicateEvent d : duplicateExamples) {
            out.append("      LSN ")
                    .append(d.lsn() == null ? "?" : lsnText(d.lsn()))
                    .append(' ')
                    .append(d.key())
                    .append(' ')
                    .append(d.image() == null ? "" : d.image() + " ")
                    .append("(op ")
                    .append(d.op())
                    .append("): ")
                    .append(d.copies())
                    .append(" copies\n");
            for (String source : d.sources()) {
                out.append("        ").append(source).append('\n');
            }
        }
        listed(out, "unknown _op or _image:", invalidRows);
        listed(out, "changes of unseen rows:", changesOfUnseenRows);
        if (csv == null) {
            out.append("  csv:      not checked\n");
        } else {
            out.append("  csv:      ")
                    .append(csv.files())
                    .append(csv.files() == 1 ? " file, " : " files, ")
                    .append(csv.rows())
                    .append(" rows, compared with the Parquet rows\n");
            listed(out, "csv files not readable:", csv.problems());
            listed(out, "rows only in Parquet:", csv.onlyInParquet());
            listed(out, "rows only in csv:", csv.onlyInCsv());
            listed(out, "csv values different:", csv.differingRows());
            listed(out, "csv rows repeated:", csv.repeatedRows());
        }
        if (leftovers != null) {
            renderLeftovers(out, leftovers);
        }
        for (String note : notes) {
            out.append("  note: ").append(note).append('\n');
        }
        if (matches()) {
            out.append("OK: the lake matches the database (")
                    .append(databaseRows)
                    .append(" rows)\n");
        } else {
            out.append("MISMATCH: the lake does not match the database\n");
        }
        return out.toString();
    }

    /**
     * A count, then one example per line: these examples name files and lines, too long to share
     * one.
     */
    private static void listed(StringBuilder out, String label, Finding finding) {
        out.append(String.format("  %-28s %d%n", label, finding.count()));
        for (String example : finding.examples()) {
            out.append("      ").append(example).append('\n');
        }
        if (finding.count() > finding.examples().size() && !finding.examples().isEmpty()) {
            out.append("      ...\n");
        }
    }

    private static void renderLeftovers(StringBuilder out, Leftovers leftovers) {
        String age = humanDuration(leftovers.olderThan());
        out.append(
                        String.format(
                                "  %-28s %d",
                                "warning: in-progress files:", leftovers.inProgressFiles().count()))
                .append(" older than ")
                .append(age);
        if (leftovers.youngerInProgressFiles() > 0) {
            out.append(" (and ")
                    .append(leftovers.youngerInProgressFiles())
                    .append(" younger, likely still being written)");
        }
        out.append('\n');
        leftovers
                .inProgressFiles()
                .examples()
                .forEach(e -> out.append("      ").append(e).append('\n'));
        if (leftovers.uploadsNotListed() != null) {
            out.append(
                    String.format(
                            "  %-28s %s%n",
                            "incomplete uploads:", "not listed: " + leftovers.uploadsNotListed()));
            return;
        }
        out.append(
                        String.format(
                                "  %-28s %d",
                                "warning: incomplete uploads:",
                                leftovers.incompleteUploads().count()))
                .append(" older than ")
                .append(age);
        if (leftovers.youngerUploads() > 0) {
            out.append(" (and ")
                    .append(leftovers.youngerUploads())
                    .append(" younger, likely still being written)");
        }
        out.append('\n');
        leftovers
                .incompleteUploads()
                .examples()
                .forEach(e -> out.append("      ").append(e).append('\n'));
    }

    /** {@code 1h}, {@code 90m}, {@code 30s}: the largest unit that divides the duration. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
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
        return Long.toHexString(lsn >>> 32).toUpperCase()
                + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }
}
