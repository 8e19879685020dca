package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LakeFormatOptionsTest {

    @Test
    void formatsAndDelimiterFollowTheJobsOptions() throws Exception {
        assertThat(LakeFormatOptions.checkCsv(null)).isTrue();
        assertThat(LakeFormatOptions.checkCsv("PARQUET;CSV")).isTrue();
        assertThat(LakeFormatOptions.checkCsv("parquet")).isFalse();
        assertThatThrownBy(() -> LakeFormatOptions.checkCsv("csv"))
                .hasMessageContaining("parquet must be one");
        assertThatThrownBy(() -> LakeFormatOptions.checkCsv("parquet,orc"))
                .hasMessageContaining("--formats 'parquet,orc'")
                .hasMessageContaining("lake.formats");

        assertThat(LakeFormatOptions.csvDelimiter(null)).isEqualTo(',');
        assertThat(LakeFormatOptions.csvDelimiter("\\t")).isEqualTo('\t');
        assertThat(LakeFormatOptions.csvDelimiter(";")).isEqualTo(';');
        assertThatThrownBy(() -> LakeFormatOptions.csvDelimiter("\""))
                .hasMessageContaining("--csv-delimiter");
        assertThatThrownBy(() -> LakeFormatOptions.csvDelimiter(";;"))
                .hasMessageContaining("--csv-delimiter");
    }
}
