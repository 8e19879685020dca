package io.cdclake.reader.verify;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableMetadata;
import io.cdclake.reader.replay.LakeParquet;
import io.cdclake.reader.replay.PartFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built lake rows written as Parquet part files (one per {@link LakeRecord#file}) and replayed
 * through the replay's SQL, for tests of the comparison.
 */
final class ReplayedRecords {

    private ReplayedRecords() {}

    static LakeState state(Path dir, DatabaseTable table, List<LakeRecord> records)
            throws Exception {
        return state(dir, table, records, Map.of());
    }

    /** With table metadata in the footers of some files, by {@link LakeRecord#file}. */
    static LakeState state(
            Path dir,
            DatabaseTable table,
            List<LakeRecord> records,
            Map<String, TableMetadata> metadata)
            throws Exception {
        Map<String, List<LakeRecord>> byFile = new LinkedHashMap<>();
        records.forEach(r -> byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r));
        List<PartFile> files = new ArrayList<>();
        for (Map.Entry<String, List<LakeRecord>> file : byFile.entrySet()) {
            Path path = dir.resolve(PartFiles.shortName(file.getKey()));
            Files.createDirectories(path.getParent());
            List<Map<String, Object>> rows = new ArrayList<>();
            file.getValue().forEach(r -> rows.add(r.values()));
            LakeParquet.write(
                    path, tableColumns(file.getValue()), rows, metadata.get(file.getKey()));
            files.add(PartFile.read(path, path.toString()));
        }
        return LakeState.replay(files, table);
    }

    /** The table columns of the rows, typed by their values. */
    private static List<LakeColumn> tableColumns(List<LakeRecord> rows) {
        Map<String, LakeType> types = new LinkedHashMap<>();
        for (LakeRecord row : rows) {
            row.values()
                    .forEach(
                            (name, value) -> {
                                if (MetadataColumns.ALL.stream()
                                        .anyMatch(c -> c.name().equals(name))) {
                                    return;
                                }
                                LakeType type = type(value);
                                if (type != null) {
                                    types.put(name, type);
                                } else {
                                    types.putIfAbsent(name, LakeType.of(LakeType.Kind.STRING));
                                }
                            });
        }
        List<LakeColumn> columns = new ArrayList<>();
        types.forEach((name, type) -> columns.add(new LakeColumn(name, type)));
        return columns;
    }

    private static LakeType type(Object value) {
        if (value instanceof Long) {
            return LakeType.of(LakeType.Kind.BIGINT);
        }
        if (value instanceof Integer) {
            return LakeType.of(LakeType.Kind.INT);
        }
        if (value instanceof BigDecimal) {
            return LakeType.decimal(38, 18);
        }
        if (value instanceof String) {
            return LakeType.of(LakeType.Kind.STRING);
        }
        return null;
    }
}
