package io.cdclake.reader.query;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of a lake: every folder {@code <root>/parquet/<schema>.<table>/} that holds committed
 * part files in day folders, {@code dt=*}/{@code part-*.parquet}. One listing of the Parquet folder
 * finds them all; hidden files (in progress, markers) and other names are skipped.
 */
public final class LakeCatalog {

    private LakeCatalog() {}

    /** The lake's tables, sorted by schema and table name. */
    public static List<LakeTable> tables(LakeStore store, String lakeRoot) throws IOException {
        String parquetRoot =
                lakeRoot.replaceAll("/+$", "") + "/" + LakePaths.Format.PARQUET.folder();
        String prefix = parquetRoot + "/";
        Map<String, List<StoredFile>> byFolder = new TreeMap<>();
        for (StoredFile file : store.list(parquetRoot)) {
            if (!file.path().startsWith(prefix)) {
                continue;
            }
            String[] segments = file.path().substring(prefix.length()).split("/");
            if (segments.length == 3
                    && !LakePaths.isHidden(segments[0])
                    && LakePaths.isDayFolder(segments[1])
                    && LakePaths.isCommittedPart(segments[2], LakePaths.Format.PARQUET)) {
                byFolder.computeIfAbsent(segments[0], folder -> new ArrayList<>()).add(file);
            }
        }
        List<LakeTable> tables = new ArrayList<>();
        byFolder.forEach(
                (folder, files) -> {
                    files.sort(OLDEST_FIRST);
                    tables.add(new LakeTable(LakePaths.tableOfFolder(folder), files));
                });
        tables.sort(
                Comparator.comparing((LakeTable t) -> t.id().schema())
                        .thenComparing(t -> t.id().table()));
        return tables;
    }

    /** Day folder first (the commit day), then when the file was written, then its name. */
    private static final Comparator<StoredFile> OLDEST_FIRST =
            Comparator.comparing(LakeCatalog::dayFolder)
                    .thenComparing(
                            StoredFile::modified, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(StoredFile::path);

    private static String dayFolder(StoredFile file) {
        String path = file.path();
        int slash = path.lastIndexOf('/');
        return path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
    }

    /** The table of {@code id}, if the lake holds it. */
    public static java.util.Optional<LakeTable> find(List<LakeTable> tables, TableId id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
