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
 */
public record Coverage(
        @JsonProperty("parts") Set<String> parts,
        @JsonProperty("marks") List<StateBase.Mark> marks,
        @JsonProperty("owedFile") String owedFile,
        @JsonProperty("keyColumns") List<String> keyColumns,
        @JsonProperty("lastCommitMillis") Long lastCommitMillis) {

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
