package io.cdclake.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLakeStoreTest {

    @Test
    void listsEveryFileUnderTheFolderByItsLakePathAndReadsItInPlace(@TempDir Path lake)
            throws Exception {
        Path day = Files.createDirectories(lake.resolve("csv/public.a%2Fb/dt=2026-11-24"));
        Files.writeString(day.resolve("part-1-0.csv"), "x\r\n");
        Files.writeString(day.resolve(".part-1-1.csv.inprogress.u"), "");
        Files.createDirectories(lake.resolve("csv/public.other/dt=2026-11-24"));
        Files.writeString(lake.resolve("csv/public.other/dt=2026-11-24/part-2-0.csv"), "y\r\n");
        String root = "file://" + lake.toAbsolutePath();
        String folder = root + "/csv/public.a%2Fb";

        try (LakeStore store = LakeStore.open(root, null, lake.resolve("unused-cache"))) {
            List<StoredFile> files = store.list(folder);
            assertThat(files)
                    .extracting(StoredFile::path)
                    .containsExactly(
                            folder + "/dt=2026-11-24/.part-1-1.csv.inprogress.u",
                            folder + "/dt=2026-11-24/part-1-0.csv");
            assertThat(files.get(1).size()).isEqualTo(3);
            assertThat(store.local(files.get(1))).isEqualTo(day.resolve("part-1-0.csv"));
            assertThat(store.list(root + "/parquet/public.none")).isEmpty();
        }
        assertThat(lake.resolve("unused-cache")).doesNotExist();
    }
}
