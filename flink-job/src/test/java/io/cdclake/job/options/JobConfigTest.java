package io.cdclake.job.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.job.options.LakeOptions.Format;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @Test
    void parsesArgumentsAndAppliesDefaults() {
        JobConfig config =
                JobConfig.fromArgs(
                        new String[] {
                            "--kafka.bootstrap-servers", "kafka:9092",
                            "--lake.formats", "PARQUET",
                            "--parquet.compression", "ZSTD",
                            "--checkpoint.interval", "5 s",
                            "--lake.base-path", "/cdc/"
                        });
        assertThat(config.get(LakeOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
        assertThat(config.formats()).containsExactly(Format.PARQUET);
        assertThat(config.get(LakeOptions.PARQUET_COMPRESSION)).isEqualTo(ParquetCompression.ZSTD);
        assertThat(config.get(LakeOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.get(LakeOptions.KAFKA_GROUP_ID)).isEqualTo("cdc-lake");
        assertThat(config.lakeRoot()).isEqualTo("s3://lake/cdc");
        assertThat(config.isSet(LakeOptions.KAFKA_TOPICS)).isFalse();
    }

    @Test
    void propertiesFileIsOverriddenByArguments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(
                file,
                "kafka.bootstrap-servers=a:1\n"
                        + "kafka.topics=x;y\n"
                        + "kafka.properties.security.protocol=SSL\n");
        JobConfig config =
                JobConfig.fromArgs(
                        new String[] {
                            "--config", file.toString(), "--kafka.bootstrap-servers", "b:2"
                        });
        assertThat(config.get(LakeOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("b:2");
        assertThat(config.get(LakeOptions.KAFKA_TOPICS)).isEqualTo(List.of("x", "y"));
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SSL");
        assertThat(config.toString()).doesNotContain("SSL");
    }

    @Test
    void unknownOptionIsNamed() {
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {
                                            "--kafka.bootstrap-servers",
                                            "k:1",
                                            "--lake.formt",
                                            "CSV"
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'lake.formt'");
    }

    @Test
    void badValueIsNamedWithTheOption() {
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {
                                            "--kafka.bootstrap-servers",
                                            "k:1",
                                            "--checkpoint.interval",
                                            "soon"
                                        }))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'checkpoint.interval'")
                .hasMessageContaining("soon");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {
                                            "--kafka.bootstrap-servers",
                                            "k:1",
                                            "--parquet.compression",
                                            "lz4"
                                        }))
                .hasMessageContaining("'parquet.compression'");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {
                                            "--kafka.bootstrap-servers",
                                            "k:1",
                                            "--csv.delimiter",
                                            ";;"
                                        }))
                .hasMessageContaining("'csv.delimiter'");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        new String[] {
                                            "--kafka.bootstrap-servers",
                                            "k:1",
                                            "--kafka.topic-pattern",
                                            "("
                                        }))
                .hasMessageContaining("'kafka.topic-pattern'");
    }

    @Test
    void missingRequiredOptionIsNamed() {
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[0]))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("'kafka.bootstrap-servers' is required");
    }

    @Test
    void tabDelimiterIsAccepted() {
        JobConfig config =
                JobConfig.fromArgs(
                        new String[] {
                            "--kafka.bootstrap-servers", "k:1", "--csv.delimiter", "\\t"
                        });
        assertThat(config.csvDelimiter()).isEqualTo('\t');
    }
}
