package io.cdclake.reader.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which in-progress files count as leftovers, and why uploads may go unlisted. */
class LeftoverScanTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final List<PartFiles.InProgress> FILES =
            List.of(
                    new PartFiles.InProgress(
                            "file:/lake/csv/public.items/dt=2026-11-24/.part-a-0.csv.inprogress.u1",
                            NOW.minus(Duration.ofHours(2))),
                    new PartFiles.InProgress(
                            "file:/lake/parquet/public.items/dt=2026-11-24/.part-b-3.parquet.inprogress.u2",
                            NOW.minus(Duration.ofMinutes(10))),
                    // written by a machine whose clock runs ahead
                    new PartFiles.InProgress(
                            "file:/lake/parquet/public.items/dt=2026-11-24/.part-c-1.parquet.inprogress.u3",
                            NOW.plus(Duration.ofMinutes(1))));

    @Test
    void filesOlderThanTheAgeAreLeftoversAndYoungerOnesAreOnlyCounted() {
        VerifyReport.Leftovers leftovers =
                LeftoverScan.scan("file:///lake", FILES, null, Duration.ofHours(1), NOW, 5);
        assertThat(leftovers.inProgressFiles().count()).isEqualTo(1);
        assertThat(leftovers.inProgressFiles().examples())
                .containsExactly(
                        "dt=2026-11-24/.part-a-0.csv.inprogress.u1 (last written"
                                + " 2026-11-24T10:00:00Z)");
        assertThat(leftovers.youngerInProgressFiles()).isEqualTo(2);
        assertThat(leftovers.uploadsNotListed()).isEqualTo("the lake is not in S3");

        VerifyReport.Leftovers all =
                LeftoverScan.scan("file:///lake", FILES, null, Duration.ZERO, NOW, 1);
        assertThat(all.inProgressFiles().count()).isEqualTo(3);
        assertThat(all.inProgressFiles().examples()).hasSize(1);
        assertThat(all.youngerInProgressFiles()).isZero();
    }

    @Test
    void uploadsOfAnS3LakeNeedAnS3Client() {
        VerifyReport.Leftovers leftovers =
                LeftoverScan.scan("s3://lake/base", List.of(), null, Duration.ofHours(1), NOW, 5);
        assertThat(leftovers.uploadsNotListed()).isEqualTo("no S3 endpoint or credentials given");
        assertThat(leftovers.inProgressFiles().count()).isZero();
    }
}
