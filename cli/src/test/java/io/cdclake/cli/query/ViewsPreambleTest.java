package io.cdclake.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.reader.replay.SqlDialect;
import org.junit.jupiter.api.Test;

class ViewsPreambleTest {

    @Test
    void aLakeInS3GetsTheEnginesS3SetupWithoutCredentials() {
        String duckdb = ViewsPreamble.of(SqlDialect.DUCKDB, "s3://lake", "http://127.0.0.1:9000");
        assertThat(duckdb)
                .contains("INSTALL httpfs; LOAD httpfs;")
                .contains("ENDPOINT '127.0.0.1:9000', URL_STYLE 'path', USE_SSL false")
                .contains("KEY_ID '...', SECRET '...'");
        assertThat(duckdb.lines()).allMatch(line -> line.isEmpty() || line.startsWith("--"));
        String spark = ViewsPreamble.of(SqlDialect.SPARK, "s3://lake", "http://127.0.0.1:9000");
        assertThat(spark)
                .contains("spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000")
                .contains("spark.hadoop.fs.s3a.path.style.access=true");
    }

    @Test
    void aLocalLakeNeedsNoSetup() {
        assertThat(ViewsPreamble.of(SqlDialect.DUCKDB, "file:///data/lake", null))
                .doesNotContain("httpfs")
                .contains("file:///data/lake");
    }
}
