package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LakeLocationOptionsTest {

    @Test
    void lakeRoots() throws Exception {
        assertThat(LakeLocationOptions.lakeRoot("s3://lake/")).isEqualTo("s3://lake");
        assertThat(LakeLocationOptions.lakeRoot("s3://lake/cdc//")).isEqualTo("s3://lake/cdc");
        assertThat(LakeLocationOptions.lakeRoot("file:///tmp/lake")).isEqualTo("file:///tmp/lake");
        assertThat(LakeLocationOptions.lakeRoot("relative/lake"))
                .isEqualTo(
                        Path.of("relative/lake")
                                .toAbsolutePath()
                                .toUri()
                                .toString()
                                .replaceAll("/$", ""));
        assertThatThrownBy(() -> LakeLocationOptions.lakeRoot("s3:///nobucket"))
                .isInstanceOf(LakeLocationOptions.UsageException.class)
                .hasMessageContaining("names no bucket");
    }
}
