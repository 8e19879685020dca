package io.cdclake.job.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.TableId;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.decode.TableSchema;
import io.cdclake.job.decode.TestSchemas;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.junit.jupiter.api.Test;

class LakeBucketingTest {

    private static final TableId CUSTOMERS = new TableId("public", "customers");
    private static final TableSchema V1 =
            TestSchemas.schema("v1", new LakeColumn("id", LakeType.of(Kind.INT)));
    private static final TableSchema V2 =
            TestSchemas.schema(
                    "v2",
                    new LakeColumn("id", LakeType.of(Kind.INT)),
                    new LakeColumn("email", LakeType.of(Kind.STRING)));
    private static final long NOV_24 = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    /** Replays how the file sink's bucket uses its assigner and rolling policy. */
    private static final class SinkSimulation {
        final LakeBucketing bucketing =
                new LakeBucketing(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        final Map<String, Part> open = new HashMap<>();
        final List<Part> parts = new ArrayList<>();

        void write(LakeRow row) {
            String bucket = bucketing.getBucketId(row, null);
            Part part = open.get(bucket);
            if (part == null || bucketing.shouldRollOnEvent(part, row)) {
                part = new Part(bucket);
                open.put(bucket, part);
                parts.add(part);
            }
            part.schemas.add(row.schema().fingerprint());
        }

        void checkpoint() {
            open.clear();
        }
    }

    private static final class Part implements PartFileInfo<String> {
        final String bucket;
        final List<Long> schemas = new ArrayList<>();

        Part(String bucket) {
            this.bucket = bucket;
        }

        @Override
        public String getBucketId() {
            return bucket;
        }

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public long getSize() {
            return schemas.size();
        }

        @Override
        public long getLastUpdateTime() {
            return 0;
        }
    }

    private static LakeRow row(TableSchema schema, long commitTime) {
        return TestSchemas.row(CUSTOMERS, schema, commitTime, 1);
    }

    @Test
    void routesByTableAndCommitDay() {
        LakeBucketing bucketing = new LakeBucketing(1, 1, 1);
        assertThat(bucketing.getBucketId(row(V1, NOV_24), null))
                .isEqualTo("public.customers/dt=2026-11-24");
        LakeRow other =
                TestSchemas.row(new TableId("sales", "order/lines"), V1, NOV_24 + 86_400_000L, 1);
        assertThat(bucketing.getBucketId(other, null))
                .isEqualTo("sales.order%2Flines/dt=2026-11-25");
    }

    @Test
    void aNamedSourceIsAFolderOfItsOwnSoTwoDatabasesNeverShareOne() {
        LakeBucketing bucketing = new LakeBucketing(1, 1, 1);
        LakeRow shop = TestSchemas.row(new TableId("shop", "public", "customers"), V1, NOV_24, 1);
        LakeRow crm = TestSchemas.row(new TableId("crm.eu", "public", "customers"), V1, NOV_24, 1);
        assertThat(bucketing.getBucketId(shop, null))
                .isEqualTo("shop/public.customers/dt=2026-11-24");
        // A dot in a source is escaped: a folder with a dot is a table of a lake without sources.
        assertThat(bucketing.getBucketId(crm, null))
                .isEqualTo("crm%2Eeu/public.customers/dt=2026-11-24");
    }

    @Test
    void aSchemaChangeRollsThePartFile() {
        SinkSimulation sink = new SinkSimulation();
        sink.write(row(V1, NOV_24));
        sink.write(row(V1, NOV_24));
        sink.write(row(V2, NOV_24));
        sink.write(row(V2, NOV_24));
        assertThat(sink.parts).hasSize(2);
        assertThat(sink.parts)
                .allSatisfy(
                        part ->
                                assertThat(part.schemas)
                                        .hasSize(2)
                                        .containsOnly(part.schemas.get(0)));
    }

    @Test
    void interleavedSchemasNeverShareAFileEvenRightAfterACheckpoint() {
        SinkSimulation sink = new SinkSimulation();
        sink.write(row(V1, NOV_24));
        sink.checkpoint();
        sink.write(row(V2, NOV_24)); // opens a part without asking the policy
        sink.write(row(V1, NOV_24));
        sink.write(row(V1, NOV_24));
        sink.write(row(V2, NOV_24));
        for (var part : sink.parts) {
            assertThat(part.schemas)
                    .as("schemas in %s", part.bucket)
                    .containsOnly(part.schemas.get(0));
        }
        assertThat(sink.parts).extracting(p -> p.schemas.size()).containsExactly(1, 1, 2, 1);
    }

    @Test
    void sameSchemaDoesNotRoll() {
        SinkSimulation sink = new SinkSimulation();
        for (int i = 0; i < 100; i++) {
            sink.write(row(V1, NOV_24));
        }
        assertThat(sink.parts).hasSize(1);
    }

    @Test
    void rollsOnSizeAndTime() {
        LakeBucketing bucketing = new LakeBucketing(10, 1_000, 100);
        LakeRow row = row(V1, NOV_24);
        bucketing.getBucketId(row, null);
        Part part = new Part("public.customers/dt=2026-11-24");
        part.schemas.add(V1.fingerprint());
        bucketing.getBucketId(row, null);
        assertThat(bucketing.shouldRollOnEvent(part, row)).isFalse();
        for (int i = 0; i < 10; i++) {
            part.schemas.add(V1.fingerprint());
        }
        assertThat(bucketing.shouldRollOnEvent(part, row)).isTrue();
        assertThat(bucketing.shouldRollOnProcessingTime(part, 50)).isFalse();
        assertThat(bucketing.shouldRollOnProcessingTime(part, 100)).isTrue();
        assertThat(bucketing.shouldRollOnCheckpoint(part)).isTrue();
    }
}
