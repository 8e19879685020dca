package io.cdclake.reader.verify;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What writers left in the lake's bucket: the table's in-progress part files and the incomplete
 * multipart uploads under the lake root, those older than a given age.
 *
 * <p>Leftovers are warnings, not failures. They change nothing a reader sees: in-progress files are
 * hidden by name and skipped by every reader, and an incomplete upload is no object at all. A
 * running job always has some, and a job restored from a checkpoint still needs the uploads that
 * checkpoint names (which is why Flink's S3 writer never aborts them, apache/flink PR 29132) — only
 * their age tells abandoned from needed, and no age proves it. What they cost is storage, which a
 * bucket rule reclaims (see the compose file's MinIO settings).
 */
final class LeftoverScan {

    private LeftoverScan() {}

    /**
     * @param inProgress the table's in-progress part files, of every format
     * @param uploads lists incomplete uploads; null when no S3 client is configured
     */
    static VerifyReport.Leftovers scan(
            String lakeRoot,
            List<PartFiles.InProgress> inProgress,
            S3UploadLister uploads,
            Duration olderThan,
            Instant now,
            int maxExamples) {
        Instant cutoff = now.minus(olderThan);
        // An age of zero lists every leftover, even one whose clock runs ahead of this one.
        boolean anyAge = olderThan.isZero();
        FindingCounter oldFiles = new FindingCounter(maxExamples);
        long youngFiles = 0;
        for (PartFiles.InProgress file : inProgress) {
            if (!anyAge && file.modified().isAfter(cutoff)) {
                youngFiles++;
            } else {
                oldFiles.add(
                        () ->
                                PartFiles.shortName(file.path().toString())
                                        + " (last written "
                                        + file.modified()
                                        + ")");
            }
        }

        FindingCounter oldUploads = new FindingCounter(maxExamples);
        long youngUploads = 0;
        String notListed = null;
        URI root = URI.create(lakeRoot);
        if (!"s3".equals(root.getScheme()) && !"s3a".equals(root.getScheme())) {
            notListed = "the lake is not in S3";
        } else if (uploads == null) {
            notListed = "no S3 endpoint or credentials given";
        } else {
            String path = root.getPath() == null ? "" : root.getPath().replaceAll("^/+|/+$", "");
            try {
                for (S3UploadLister.Upload upload :
                        uploads.list(root.getAuthority(), path.isEmpty() ? "" : path + "/")) {
                    if (!anyAge
                            && upload.initiated() != null
                            && upload.initiated().isAfter(cutoff)) {
                        youngUploads++;
                    } else {
                        oldUploads.add(
                                () -> upload.key() + " (started " + upload.initiated() + ")");
                    }
                }
            } catch (IOException e) {
                notListed = e.getMessage();
            }
        }
        return new VerifyReport.Leftovers(
                olderThan,
                oldFiles.finding(),
                youngFiles,
                oldUploads.finding(),
                youngUploads,
                notListed);
    }
}
