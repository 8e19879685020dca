package io.cdclake.reader.verify;

import io.cdclake.format.LakePaths;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The part files of one table in one format folder, {@code <folder>/dt=* /<part files>}, named as
 * {@link LakePaths} says: committed files, and hidden in-progress files a writer is writing (or was
 * writing when it failed). Other names are skipped.
 *
 * @param committed the committed files, sorted by path within each folder listed
 * @param inProgress the in-progress files, sorted by path
 */
record PartFiles(List<StoredFile> committed, List<InProgress> inProgress) {

    /** An in-progress file and when it was last written. */
    record InProgress(String path, Instant modified) {}

    /** Lists each of {@code folders} in turn; none where one does not exist. */
    static PartFiles list(LakeStore store, List<String> folders, LakePaths.Format format)
            throws IOException {
        List<StoredFile> committed = new ArrayList<>();
        List<InProgress> inProgress = new ArrayList<>();
        for (String folder : folders) {
            PartFiles one = list(store, folder, format);
            committed.addAll(one.committed());
            inProgress.addAll(one.inProgress());
        }
        return new PartFiles(committed, inProgress);
    }

    /** Lists {@code folder}; none when it does not exist. */
    static PartFiles list(LakeStore store, String folder, LakePaths.Format format)
            throws IOException {
        List<StoredFile> committed = new ArrayList<>();
        List<InProgress> inProgress = new ArrayList<>();
        String prefix = folder.replaceAll("/+$", "") + "/";
        for (StoredFile file : store.list(folder)) {
            if (!file.path().startsWith(prefix)) {
                continue;
            }
            String[] segments = file.path().substring(prefix.length()).split("/");
            if (segments.length != 2 || !LakePaths.isDayFolder(segments[0])) {
                continue;
            }
            String name = segments[1];
            if (LakePaths.isInProgressPart(name)) {
                inProgress.add(new InProgress(file.path(), file.modified()));
            } else if (LakePaths.isCommittedPart(name, format)) {
                committed.add(file);
            }
        }
        return new PartFiles(committed, inProgress);
    }

    /** {@code dt=.../name} of a part file, short enough for a report line. */
    static String shortName(String file) {
        return LakePaths.shortName(file);
    }
}
