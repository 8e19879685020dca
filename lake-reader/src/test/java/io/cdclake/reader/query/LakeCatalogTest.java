package io.cdclake.reader.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.TableId;
import io.cdclake.reader.LocalLakeStore;
import io.cdclake.reader.StoredFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeCatalogTest {

    @TempDir Path lake;

    private Path file(String relative, String modified) throws Exception {
        Path file = lake.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
        return file;
    }

    @Test
    void findsEveryTableWithCommittedPartsOldestFirstAndSkipsTheRest() throws Exception {
        file("parquet/public.customers/dt=2026-11-24/part-bbb-0.parquet", "2026-11-24T08:00:00Z");
        file("parquet/public.customers/dt=2026-11-24/part-aaa-3.parquet", "2026-11-24T09:00:00Z");
        file("parquet/public.customers/dt=2026-11-23/part-ccc-9.parquet", "2026-11-23T22:00:00Z");
        file(
                "parquet/public.customers/dt=2026-11-24/.part-ddd-0.parquet.inprogress.1",
                "2026-11-24T10:00:00Z");
        file("parquet/public.customers/_SUCCESS", "2026-11-24T10:00:00Z");
        file(
                "parquet/sales%2Fdept.order lines/dt=2026-11-24/part-eee-0.parquet",
                "2026-11-24T08:00:00Z");
        file(
                "parquet/public.empty/dt=2026-11-24/.part-fff-0.parquet.inprogress.2",
                "2026-11-24T08:00:00Z");
        file("csv/public.customers/dt=2026-11-24/part-bbb-0.csv", "2026-11-24T08:00:00Z");
        file("_dead_letter/dt=2026-11-24/part-ggg-0.jsonl", "2026-11-24T08:00:00Z");

        List<LakeTable> tables = LakeCatalog.tables(new LocalLakeStore(), lake.toUri().toString());

        assertThat(tables)
                .extracting(LakeTable::id)
                .containsExactly(
                        new TableId("public", "customers"),
                        new TableId("sales/dept", "order lines"));
        assertThat(tables.get(0).files())
                .extracting(StoredFile::name)
                .containsExactly("part-ccc-9.parquet", "part-bbb-0.parquet", "part-aaa-3.parquet");
    }

    @Test
    void aLakeWithoutAParquetFolderHasNoTables() throws Exception {
        assertThat(LakeCatalog.tables(new LocalLakeStore(), lake.toString())).isEmpty();
    }
}
