package io.cdclake.cli;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.S3Access;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.verify.LakeTableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows per op committed to the lake for one table, for the demo's progress lines. */
final class LakeSummary {

    private static final List<String> OPS = List.of("r", "c", "u", "d", "t");

    /** One reader for the whole demo: it counts each committed file once. */
    private final LakeTableReader reader;

    private final LakeStore store;
    private final String sentAgainFolder;

    /** Lines of each committed file of copies already counted: committed files never change. */
    private final Map<String, Long> copiesByFile = new HashMap<>();

    /** The store stays open as long as the demo runs. */
    LakeSummary(String lakeRoot, S3Access s3, Path cacheDir, TableId table) {
        this.store = LakeStore.open(lakeRoot, s3, cacheDir);
        this.reader = new LakeTableReader(store, lakeRoot, table);
        this.sentAgainFolder = lakeRoot.replaceAll("/+$", "") + "/" + LakePaths.SENT_AGAIN_FOLDER;
    }

    /**
     * Events the job set aside as copies Kafka Connect sent again: lines of {@code _sent_again/}.
     */
    long copiesSetAside() throws IOException {
        long total = 0;
        for (StoredFile file : store.list(sentAgainFolder)) {
            if (!file.name().endsWith(".jsonl") || LakePaths.isHidden(file.name())) {
                continue;
            }
            Long lines = copiesByFile.get(file.path());
            if (lines == null) {
                try (var text = Files.lines(store.local(file))) {
                    lines = text.filter(line -> !line.isBlank()).count();
                }
                copiesByFile.put(file.path(), lines);
            }
            total += lines;
        }
        return total;
    }

    Map<String, Long> rowsByOp() throws IOException {
        return reader.rowsByOp();
    }

    static String format(Map<String, Long> rowsByOp) {
        Map<String, Long> sorted = new TreeMap<>((a, b) -> Integer.compare(rank(a), rank(b)));
        sorted.putAll(rowsByOp);
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> entry : sorted.entrySet()) {
            line.append(entry.getKey()).append('=').append(entry.getValue()).append("  ");
            total += entry.getValue();
        }
        return line.append("(")
                .append(total)
                .append(" rows in committed Parquet files; an update writes two)")
                .toString();
    }

    private static int rank(String op) {
        int index = OPS.indexOf(op);
        return index < 0 ? OPS.size() + op.hashCode() : index;
    }
}
