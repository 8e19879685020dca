package io.cdclake.reader.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.reader.StoredFile;
import io.cdclake.reader.replay.SqlDialect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnginePathsTest {

    private static final String KEY = "lake/base/parquet/public.t/dt=2026-11-24/part-a-0.parquet";

    @Test
    void aFileInS3IsReadFromS3ByDuckdbAndThroughS3aBySpark() {
        for (String scheme : new String[] {"s3://", "s3a://"}) {
            StoredFile file = new StoredFile(scheme + KEY, 10, null, "etag");
            Path cached = Path.of("/cache/lake/base/part-a-0.parquet.etag.10");
            assertThat(EnginePaths.of(SqlDialect.DUCKDB, file, cached)).isEqualTo("s3://" + KEY);
            assertThat(EnginePaths.of(SqlDialect.SPARK, file, cached)).isEqualTo("s3a://" + KEY);
        }
    }

    @Test
    void aLocalFileIsItsAbsolutePathForDuckdbAndAFileUriForSpark() {
        Path local = Path.of("/data/lake/parquet/sales%2Fdept.t/dt=2026-11-24/part-a-0.parquet");
        StoredFile file = new StoredFile("file://" + local, 10, null, null);
        assertThat(EnginePaths.of(SqlDialect.DUCKDB, file, local)).isEqualTo(local.toString());
        assertThat(EnginePaths.of(SqlDialect.SPARK, file, local)).isEqualTo("file://" + local);
    }
}
