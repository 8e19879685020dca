package io.cdclake.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.stack.S3Service;
import io.cdclake.stack.testing.StackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** A lake in a real S3 server (s3proxy): listed under a folder, downloaded once into the cache. */
class S3LakeStoreITCase {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("s3-store", b -> b.s3());

    private static S3Service s3;
    private static S3Access access;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = STACK.s3();
        access =
                new S3Access(
                        s3.endpoint(), s3.accessKey(), s3.secretKey(), S3Access.DEFAULT_REGION);
    }

    private static void put(String key, String content) {
        try (S3Client client = access.client()) {
            client.putObject(
                    PutObjectRequest.builder().bucket(s3.bucket()).key(key).build(),
                    RequestBody.fromString(content, StandardCharsets.UTF_8));
        }
    }

    @Test
    void listsAFolderAndDownloadsEachFileOnceAcrossRuns(@TempDir Path cache) throws Exception {
        put("base/csv/public.a%2Fb/dt=2026-11-24/part-1-0.csv", "first\r\n");
        put("base/csv/public.a%2Fb/dt=2026-11-24/part-1-1.csv", "second, longer\r\n");
        put("base/csv/public.other/dt=2026-11-24/part-2-0.csv", "not this table\r\n");
        String folder = "s3://" + s3.bucket() + "/base/csv/public.a%2Fb";

        List<StoredFile> files;
        try (S3LakeStore store =
                (S3LakeStore) LakeStore.open("s3://" + s3.bucket() + "/base", access, cache)) {
            files = store.list(folder);
            assertThat(files)
                    .extracting(StoredFile::path)
                    .containsExactly(
                            folder + "/dt=2026-11-24/part-1-0.csv",
                            folder + "/dt=2026-11-24/part-1-1.csv");
            assertThat(files).extracting(StoredFile::size).containsExactly(7L, 16L);
            assertThat(files).allSatisfy(file -> assertThat(file.etag()).isNotBlank());
            assertThat(Files.readString(store.local(files.get(1)))).isEqualTo("second, longer\r\n");
            store.local(files.get(1));
            assertThat(store.downloads()).isEqualTo(1);
        }
        // A second run (a new store, as a new ./cdc-lake verify) finds the copy in the cache.
        try (S3LakeStore store =
                (S3LakeStore) LakeStore.open("s3://" + s3.bucket() + "/base", access, cache)) {
            List<StoredFile> again = store.list(folder);
            assertThat(Files.readString(store.local(again.get(1)))).isEqualTo("second, longer\r\n");
            assertThat(Files.readString(store.local(again.get(0)))).isEqualTo("first\r\n");
            assertThat(store.downloads()).isEqualTo(1);
        }
    }

    @Test
    void aFolderThatDoesNotExistHasNoFiles(@TempDir Path cache) throws Exception {
        try (LakeStore store = LakeStore.open("s3://" + s3.bucket(), access, cache)) {
            assertThat(store.list("s3://" + s3.bucket() + "/nothing/here")).isEmpty();
        }
    }

    @Test
    void pruningDropsTheCopiesNoReaderUsedLately(@TempDir Path cache) throws Exception {
        put("pruned/csv/public.t/dt=2026-11-24/part-1-0.csv", "old\r\n");
        put("pruned/csv/public.t/dt=2026-11-24/part-1-1.csv", "used\r\n");
        String folder = "s3://" + s3.bucket() + "/pruned/csv/public.t";
        try (LakeStore store = LakeStore.open("s3://" + s3.bucket() + "/pruned", access, cache)) {
            List<StoredFile> files = store.list(folder);
            Path old = store.local(files.get(0));
            Path used = store.local(files.get(1));
            java.nio.file.attribute.FileTime weekAgo =
                    java.nio.file.attribute.FileTime.from(
                            java.time.Instant.now().minus(java.time.Duration.ofDays(8)));
            Files.setLastModifiedTime(old, weekAgo);
            Files.setLastModifiedTime(used, weekAgo);
            store.local(files.get(1)); // read again: used now

            assertThat(store.prune(java.time.Duration.ofDays(7))).isEqualTo(1);
            assertThat(old).doesNotExist();
            assertThat(used).exists();
        }
    }
}
