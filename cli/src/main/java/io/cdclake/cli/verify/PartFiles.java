package io.cdclake.cli.verify;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The part files of one table in one format folder, {@code <folder>/dt=* /<part files>}, through
 * Flink's file systems. The file sink names committed files {@code part-<uuid>-<n><suffix>}; a
 * file it is still writing (or was writing when it failed) is hidden, {@code
 * .part-<uuid>-<n><suffix>.inprogress.<uuid>}, and so are other names starting with {@code .} or
 * {@code _}.
 *
 * @param committed the committed files, sorted by path
 * @param inProgress the in-progress files, sorted by path
 */
record PartFiles(List<Path> committed, List<InProgress> inProgress) {

    /** An in-progress file and when it was last written. */
    record InProgress(Path path, Instant modified) {}

    /** Lists {@code folder}; none when it does not exist. */
    static PartFiles list(String folder, String suffix) throws IOException {
        Path root = new Path(folder);
        FileSystem fs = root.getFileSystem();
        List<Path> committed = new ArrayList<>();
        List<InProgress> inProgress = new ArrayList<>();
        if (!fs.exists(root)) {
            return new PartFiles(committed, inProgress);
        }
        for (FileStatus day : children(fs, root)) {
            if (!day.isDir() || !day.getPath().getName().startsWith("dt=")) {
                continue;
            }
            for (FileStatus file : children(fs, day.getPath())) {
                String name = file.getPath().getName();
                if (file.isDir()) {
                    continue;
                }
                if (isInProgress(name)) {
                    inProgress.add(new InProgress(file.getPath(), Instant.ofEpochMilli(file.getModificationTime())));
                } else if (!name.startsWith(".") && !name.startsWith("_") && name.endsWith(suffix)) {
                    committed.add(file.getPath());
                }
            }
        }
        committed.sort(Comparator.comparing(Path::toString));
        inProgress.sort(Comparator.comparing(f -> f.path().toString()));
        return new PartFiles(committed, inProgress);
    }

    /** The file sink's hidden name of a part file being written. */
    static boolean isInProgress(String name) {
        return name.startsWith(".") && name.contains(".inprogress.");
    }

    private static List<FileStatus> children(FileSystem fs, Path dir) throws IOException {
        FileStatus[] statuses = fs.listStatus(dir);
        return statuses == null ? List.of() : List.of(statuses);
    }

    /** {@code dt=.../name} of a part file, short enough for a report line. */
    static String shortName(String file) {
        int slash = file.lastIndexOf('/');
        String name = slash < 0 ? file : file.substring(slash + 1);
        int dt = file.lastIndexOf("/dt=");
        return dt < 0 ? name : file.substring(dt + 1, slash) + "/" + name;
    }
}
