package io.cdclake.reader.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.format.LakePaths;
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
    void tablesOfNamedSourcesAndOfTheLayoutWithoutSourcesReadSideBySide() throws Exception {
        // Written before sources were named, then by two connectors with the same table names.
        file("parquet/public.customers/dt=2026-11-20/part-old-0.parquet", "2026-11-20T08:00:00Z");
        file(
                "parquet/shop/public.customers/dt=2026-11-24/part-s-0.parquet",
                "2026-11-24T08:00:00Z");
        file("parquet/crm/public.customers/dt=2026-11-24/part-c-0.parquet", "2026-11-24T08:00:00Z");
        file("parquet/crm/public.orders/dt=2026-11-24/part-o-0.parquet", "2026-11-24T08:00:00Z");
        file("parquet/public.orders/dt=2026-11-20/part-old-o.parquet", "2026-11-20T08:00:00Z");
        file(
                "parquet/crm/public.orders/dt=2026-11-24/.part-p.parquet.inprogress.1",
                "2026-11-24T08:00:00Z");
        file("parquet/_sent_again/x.y/dt=2026-11-24/part-x-0.parquet", "2026-11-24T08:00:00Z");

        List<LakeTable> tables = LakeCatalog.tables(new LocalLakeStore(), lake.toUri().toString());

        assertThat(tables)
                .extracting(LakeTable::id)
                .containsExactly(
                        new TableId("public", "customers"),
                        new TableId("crm", "public", "customers"),
                        new TableId("shop", "public", "customers"),
                        new TableId("crm", "public", "orders"));
        // The one source holding orders goes on where the lake without sources stopped.
        assertThat(tables.get(3).files())
                .extracting(StoredFile::name)
                .containsExactly("part-old-o.parquet", "part-o-0.parquet");
        assertThat(tables.get(3).continuesUnnamed()).isTrue();
        assertThat(
                        LakeCatalog.folders(
                                tables,
                                "s3://b/lake",
                                LakePaths.Format.CSV,
                                new TableId("crm", "public", "orders")))
                .containsExactly(
                        "s3://b/lake/csv/public.orders", "s3://b/lake/csv/crm/public.orders");
        // Customers are held by two sources: the folder without one stays a table of its own.
        assertThat(tables.get(0).files())
                .extracting(StoredFile::name)
                .containsExactly("part-old-0.parquet");
        List<TableId> ids = tables.stream().map(LakeTable::id).toList();
        assertThat(LakeCatalog.resolve(tables, new TableId("public", "orders")))
                .isEqualTo(new TableId("crm", "public", "orders"));
        assertThat(LakeCatalog.resolve(tables, new TableId("shop", "public", "customers")))
                .isEqualTo(new TableId("shop", "public", "customers"));
        assertThatThrownBy(() -> LakeCatalog.resolve(tables, new TableId("public", "customers")))
                .hasMessageContaining("several sources")
                .hasMessageContaining("crm, shop")
                .hasMessageContaining("--source");
        // Views: a name one source holds keeps it; shared names get the source in the schema.
        assertThat(ViewDefinitions.viewTable(new TableId("crm", "public", "orders"), ids))
                .isEqualTo(new TableId("public", "orders"));
        assertThat(ViewDefinitions.viewTable(new TableId("shop", "public", "customers"), ids))
                .isEqualTo(new TableId("shop__public", "customers"));
        assertThat(ViewDefinitions.viewTable(new TableId("public", "customers"), ids))
                .isEqualTo(new TableId("public", "customers"));
    }

    @Test
    void tablesWhoseNamesDifferOnlyInCaseGetViewsOfTheirOwn() {
        // DuckDB and Spark match names without regard to case: one view name for both would let
        // one table answer for the other.
        TableId lower = new TableId("postgres", "public", "orders");
        TableId upper = new TableId("postgres", "public", "Orders");
        TableId mixedSchema = new TableId("postgres", "Public", "ORDERS");
        TableId other = new TableId("postgres", "sales", "orders");
        List<TableId> ids = List.of(upper, mixedSchema, other, lower);
        assertThat(ViewDefinitions.viewTable(lower, ids))
                .isEqualTo(new TableId("public", "orders"));
        assertThat(ViewDefinitions.viewTable(mixedSchema, ids))
                .isEqualTo(new TableId("Public", "ORDERS__2"));
        assertThat(ViewDefinitions.viewTable(upper, ids))
                .isEqualTo(new TableId("public", "Orders__3"));
        assertThat(ViewDefinitions.viewTable(other, ids)).isEqualTo(new TableId("sales", "orders"));
    }

    @Test
    void aLakeWithoutAParquetFolderHasNoTables() throws Exception {
        assertThat(LakeCatalog.tables(new LocalLakeStore(), lake.toString())).isEmpty();
    }

    @Test
    void anExpiredTableCarriesItsMarkerAndStaysListedWithNoPartFilesLeft() throws Exception {
        file(
                "parquet/postgres/public.orders/dt=2026-12-01/part-aaa-0.parquet",
                "2026-12-01T08:00:00Z");
        file("parquet/postgres/public.orders/_expired_before=2026-11-20", "2026-12-01T09:00:00Z");
        file("parquet/postgres/public.orders/_expired_before=2026-11-30", "2026-12-01T09:00:00Z");
        // Every day folder of this one is gone: only its marker says it exists.
        file("parquet/postgres/public.gone/_expired_before=2026-12-01", "2026-12-01T09:00:00Z");
        // A table of the layout without sources.
        file("parquet/public.legacy/_expired_before=2026-10-01", "2026-12-01T09:00:00Z");
        file("parquet/public.legacy/dt=2026-10-02/part-bbb-0.parquet", "2026-10-02T08:00:00Z");
        // Not markers: a bad day, and a marker in a day folder.
        file("parquet/postgres/public.orders/_expired_before=soon", "2026-12-01T09:00:00Z");
        file(
                "parquet/postgres/public.orders/dt=2026-12-01/_expired_before=2026-12-01",
                "2026-12-01T09:00:00Z");

        List<LakeTable> tables = LakeCatalog.tables(new LocalLakeStore(), lake.toUri().toString());

        assertThat(tables)
                .extracting(LakeTable::id, LakeTable::expiredBefore)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                new TableId("postgres", "public", "gone"),
                                java.time.LocalDate.parse("2026-12-01")),
                        org.assertj.core.groups.Tuple.tuple(
                                new TableId("public", "legacy"),
                                java.time.LocalDate.parse("2026-10-01")),
                        org.assertj.core.groups.Tuple.tuple(
                                new TableId("postgres", "public", "orders"),
                                java.time.LocalDate.parse("2026-11-30")));
        LakeTable gone =
                LakeCatalog.find(tables, new TableId("postgres", "public", "gone")).orElseThrow();
        assertThat(gone.files()).isEmpty();
        assertThatThrownBy(() -> gone.requireWholeHistory("it has no current-state table"))
                .isInstanceOf(LakeTable.HistoryExpiredException.class)
                .hasMessageContaining("before 2026-12-01 were expired")
                .hasMessageContaining("it has no current-state table");
        LakeTable orders =
                LakeCatalog.find(tables, new TableId("postgres", "public", "orders")).orElseThrow();
        assertThat(orders.files())
                .extracting(StoredFile::name)
                .containsExactly("part-aaa-0.parquet");
    }
}
