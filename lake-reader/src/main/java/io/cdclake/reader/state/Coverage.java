package io.cdclake.reader.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.reader.replay.StateBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a snapshot of a current-state table covers of the changelog, written next to the table's
 * metadata as gzipped JSON and named by the snapshot's summary ({@link #SUMMARY_KEY}): the part
 * files it was compacted from (paths below the lake root, so the record holds wherever the lake is
 * reached from), the replay's marks, the file of rows owed (removed before their upsert was read),
 * and the table's key. A part file is in the state exactly when it is listed here, so a compaction
 * reads each change once, and one that stopped halfway changed nothing a reader sees.
 *
 * @param parts the Parquet part files covered, relative to the lake root
 * @param marks the replay's marks ({@link StateBase.Mark})
 * @param owedFile the Parquet file of rows owed, a location in the table's folder; null for none
 * @param keyColumns the table's key; empty when the whole row identifies it
 * @param lastCommitMillis the newest {@code _source_ts_ms} of the changes covered; null for none
 * @param checks what the compactions found checking the part files covered; null when they were not
 *     checked (a state compacted before the checks existed)
 */
public record Coverage(
        @JsonProperty("parts") Set<String> parts,
        @JsonProperty("marks") List<StateBase.Mark> marks,
        @JsonProperty("owedFile") String owedFile,
        @JsonProperty("keyColumns") List<String> keyColumns,
        @JsonProperty("lastCommitMillis") Long lastCommitMillis,
        @JsonProperty("checks") Checks checks) {

    /**
     * The checks {@code verify} makes of change rows and CSV files, made by the compactions of the
     * files they covered, so that {@code verify} need not read those files again.
     *
     * @param csvChecked the CSV part files (relative to the lake root) whose every row was found,
     *     equal, among the Parquet rows of covered part files
     * @param csvPending covered Parquet part files not all of whose rows were found in checked CSV
     *     files yet (their CSV files were not listed yet, or differ): checked again later
     * @param duplicateRows change rows written more than once
     * @param invalidRows change rows of an unknown op or image, or without their Kafka position
     * @param unseenRows updates and deletes of rows the table did not have
     * @param examples a few of the findings, as {@code verify} prints them
     */
    public record Checks(
            @JsonProperty("csvChecked") Set<String> csvChecked,
            @JsonProperty("csvPending") Set<String> csvPending,
            @JsonProperty("duplicateRows") long duplicateRows,
            @JsonProperty("invalidRows") long invalidRows,
            @JsonProperty("unseenRows") long unseenRows,
            @JsonProperty("examples") List<String> examples) {

        public static final Checks NONE = new Checks(Set.of(), Set.of(), 0, 0, 0, List.of());

        private static final int MAX_EXAMPLES = 10;

        public Checks {
            csvChecked = new TreeSet<>(csvChecked);
            csvPending = new TreeSet<>(csvPending);
            examples = List.copyOf(examples);
        }

        /** How the examples of {@link #unseenRows} begin. */
        public static final String UNSEEN = "change of a row the lake never had: ";

        /**
         * These checks with no changes of rows the lake did not have: snapshot reads followed them
         * (see {@link #then}).
         */
        public Checks withoutUnseen() {
            return new Checks(
                    csvChecked,
                    csvPending,
                    duplicateRows,
                    invalidRows,
                    0,
                    examples.stream().filter(e -> !e.startsWith(UNSEEN)).toList());
        }

        /** Whether the checks found nothing wrong in what they finished checking. */
        public boolean clean() {
            return duplicateRows == 0 && invalidRows == 0 && unseenRows == 0;
        }

        /**
         * These checks followed by {@code next}, a compaction's of the files it adds: the CSV files
         * checked by either, the files {@code next} left pending, and the findings of both. When
         * the files {@code next} checked hold snapshot reads, the changes of rows the lake did not
         * have found before are not findings: a table captured later changes while its incremental
         * snapshot reads it, and a row changed before its chunk was read has no earlier event.
         */
        Checks then(Checks next, boolean reads) {
            if (reads) {
                return withoutUnseen().then(next, false);
            }
            Set<String> checked = new TreeSet<>(csvChecked);
            checked.addAll(next.csvChecked());
            List<String> all = new java.util.ArrayList<>(examples);
            next.examples().stream()
                    .limit(Math.max(0, MAX_EXAMPLES - all.size()))
                    .forEach(all::add);
            return new Checks(
                    checked,
                    next.csvPending(),
                    duplicateRows + next.duplicateRows(),
                    invalidRows + next.invalidRows(),
                    unseenRows + next.unseenRows(),
                    all);
        }
    }

    /** The snapshot summary property naming a snapshot's coverage file. */
    static final String SUMMARY_KEY = "cdc-lake.coverage";

    /**
     * The snapshot summary property of the newest {@code _source_ts_ms} covered: a state read as of
     * a later time is this snapshot's.
     */
    static final String LAST_COMMIT_KEY = "cdc-lake.last-commit-ms";

    /** The snapshot summary property of the highest {@code _lsn} covered. */
    static final String HIGHEST_LSN_KEY = "cdc-lake.highest-lsn";

    /** The highest {@code _lsn} of the changes covered, from the marks; null when none has one. */
    Long highestLsn() {
        return marks.stream()
                .map(StateBase.Mark::lsn)
                .filter(java.util.Objects::nonNull)
                .max(Long::compare)
                .orElse(null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Coverage {
        parts = new TreeSet<>(parts);
        marks = List.copyOf(marks);
        keyColumns = List.copyOf(keyColumns);
    }

    static Coverage read(InputStream in) throws IOException {
        try (InputStream unzipped = new GZIPInputStream(in)) {
            return JSON.readValue(unzipped, Coverage.class);
        }
    }

    void write(OutputStream out) throws IOException {
        try (GZIPOutputStream zipped = new GZIPOutputStream(out)) {
            JSON.writeValue(zipped, this);
        }
    }
}
