package io.cdclake.reader.query;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables of a lake: every folder {@code <root>/parquet/<source>/<schema>.<table>/} that holds
 * committed part files in day folders, {@code dt=*}/{@code part-*.parquet}, and every {@code
 * <root>/parquet/<schema>.<table>/} of a lake written before sources were named (their source is
 * null; see {@link LakePaths}). One listing of the Parquet folder finds them all; hidden files (in
 * progress, markers) and other names are skipped.
 *
 * <p>A lake written before sources were named goes on in the folder of its source once the job is
 * upgraded: {@code parquet/public.customers/} then {@code parquet/postgres/public.customers/}. The
 * rule that joins them: a table folder without a source is the beginning of the one named source's
 * table of the same schema and name; when several sources hold that name, it stays a table of its
 * own, of no source.
 */
public final class LakeCatalog {

    private LakeCatalog() {}

    /** The lake's tables, sorted by schema and table name. */
    public static List<LakeTable> tables(LakeStore store, String lakeRoot) throws IOException {
        String parquetRoot =
                lakeRoot.replaceAll("/+$", "") + "/" + LakePaths.Format.PARQUET.folder();
        String prefix = parquetRoot + "/";
        Map<TableId, List<StoredFile>> byTable = new HashMap<>();
        Map<TableId, LocalDate> expired = new HashMap<>();
        for (StoredFile file : store.list(parquetRoot)) {
            if (!file.path().startsWith(prefix)) {
                continue;
            }
            String[] segments = file.path().substring(prefix.length()).split("/");
            LocalDate before = LakePaths.expiredBefore(segments[segments.length - 1]);
            TableId table = before == null ? tableOf(segments) : tableOfFolder(segments);
            if (table == null) {
                continue;
            }
            List<StoredFile> files = byTable.computeIfAbsent(table, t -> new ArrayList<>());
            if (before == null) {
                files.add(file);
            } else {
                expired.merge(table, before, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<LakeTable> tables = new ArrayList<>();
        byTable.forEach(
                (table, files) -> {
                    if (table.source() != null) {
                        List<StoredFile> all = new ArrayList<>(files);
                        boolean continues = continuesUnnamed(table, byTable.keySet());
                        if (continues) {
                            all.addAll(byTable.get(table.withoutSource()));
                        }
                        all.sort(OLDEST_FIRST);
                        tables.add(new LakeTable(table, all, continues, expired.get(table)));
                    } else if (namedSources(table, byTable.keySet()) != 1) {
                        files.sort(OLDEST_FIRST);
                        tables.add(new LakeTable(table, files, false, expired.get(table)));
                    }
                });
        tables.sort(
                Comparator.comparing((LakeTable t) -> t.id().schema())
                        .thenComparing(t -> t.id().table())
                        .thenComparing(
                                t -> t.id().source(),
                                Comparator.nullsFirst(Comparator.naturalOrder())));
        return tables;
    }

    /** Whether {@code named}'s history begins in a folder without a source (see the class). */
    private static boolean continuesUnnamed(TableId named, Set<TableId> all) {
        return all.contains(named.withoutSource()) && namedSources(named, all) == 1;
    }

    private static long namedSources(TableId table, Set<TableId> all) {
        return all.stream()
                .filter(
                        id ->
                                id.source() != null
                                        && id.schema().equals(table.schema())
                                        && id.table().equals(table.table()))
                .count();
    }

    /**
     * The folders of {@code table} in {@code format}, oldest first: the folder without a source
     * where its history begins there, then its own.
     */
    public static List<String> folders(
            List<LakeTable> tables, String lakeRoot, LakePaths.Format format, TableId table) {
        boolean continues =
                tables.stream().anyMatch(t -> t.id().equals(table) && t.continuesUnnamed());
        List<String> folders = new ArrayList<>();
        if (continues) {
            folders.add(LakePaths.tableRoot(lakeRoot, format, table.withoutSource()));
        }
        folders.add(LakePaths.tableRoot(lakeRoot, format, table));
        return folders;
    }

    /**
     * The table of a committed part file's path below the Parquet folder: {@code
     * <source>/<schema>.<table>/dt=*}/{@code part-*} or, written before sources were named, {@code
     * <schema>.<table>/dt=*}/{@code part-*}; null for any other path.
     */
    static TableId tableOf(String[] segments) {
        int n = segments.length;
        if (n < 3
                || n > 4
                || !LakePaths.isDayFolder(segments[n - 2])
                || !LakePaths.isCommittedPart(segments[n - 1], LakePaths.Format.PARQUET)) {
            return null;
        }
        for (int i = 0; i < n - 2; i++) {
            if (LakePaths.isHidden(segments[i])) {
                return null;
            }
        }
        if (n == 3) {
            return LakePaths.isUnnamedSourceTableFolder(segments[0])
                    ? LakePaths.tableOfFolder(segments[0])
                    : null;
        }
        if (LakePaths.isUnnamedSourceTableFolder(segments[0])) {
            return null;
        }
        return LakePaths.tableOfFolder(LakePaths.sourceOfFolder(segments[0]), segments[1]);
    }

    /**
     * The table of a marker's path below the Parquet folder: {@code
     * <source>/<schema>.<table>/<marker>} or {@code <schema>.<table>/<marker>}; null for any other.
     */
    private static TableId tableOfFolder(String[] segments) {
        int n = segments.length;
        if (n == 2 && LakePaths.isUnnamedSourceTableFolder(segments[0])) {
            return LakePaths.tableOfFolder(segments[0]);
        }
        if (n == 3
                && !LakePaths.isHidden(segments[0])
                && !LakePaths.isUnnamedSourceTableFolder(segments[0])
                && !LakePaths.isHidden(segments[1])) {
            return LakePaths.tableOfFolder(LakePaths.sourceOfFolder(segments[0]), segments[1]);
        }
        return null;
    }

    /**
     * The lake's table a user means by {@code wanted}: itself when it names its source; otherwise
     * the one table of that schema and name, whatever its source. A table the lake does not hold
     * yet stays as it is.
     *
     * @throws IllegalArgumentException several sources hold a table of that name: the message names
     *     them
     */
    public static TableId resolve(List<LakeTable> tables, TableId wanted) {
        if (wanted.source() != null) {
            return wanted;
        }
        List<TableId> matches =
                tables.stream()
                        .map(LakeTable::id)
                        .filter(
                                id ->
                                        id.schema().equals(wanted.schema())
                                                && id.table().equals(wanted.table()))
                        .toList();
        if (matches.size() > 1) {
            throw new IllegalArgumentException(
                    wanted
                            + " is held by several sources of this lake ("
                            + matches.stream()
                                    .map(id -> id.source() == null ? "(unnamed)" : id.source())
                                    .collect(Collectors.joining(", "))
                            + "): name one with --source");
        }
        return matches.isEmpty() ? wanted : matches.get(0);
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
