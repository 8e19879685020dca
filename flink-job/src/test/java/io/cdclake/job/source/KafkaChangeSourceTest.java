package io.cdclake.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaChangeSourceTest {

    @Test
    void fetchesAreSizedForTheLargestEvent() {
        Properties properties =
                KafkaChangeSource.consumerProperties(
                        JobConfig.fromArgs(
                                new String[] {"--kafka.bootstrap-servers", "kafka:9092"}));

        assertThat(Integer.parseInt(properties.getProperty("max.partition.fetch.bytes")))
                .isGreaterThanOrEqualTo(LakeOptions.MAX_EVENT_BYTES);
        assertThat(Integer.parseInt(properties.getProperty("fetch.max.bytes")))
                .isGreaterThanOrEqualTo(LakeOptions.MAX_EVENT_BYTES);
    }

    @Test
    void theUsersConsumerPropertiesWinOverTheDefaults() {
        Properties properties =
                KafkaChangeSource.consumerProperties(
                        JobConfig.fromArgs(
                                new String[] {
                                    "--kafka.bootstrap-servers", "kafka:9092",
                                    "--kafka.properties.fetch.max.bytes", "1048576",
                                    "--kafka.properties.security.protocol", "SSL"
                                }));

        assertThat(properties.getProperty("fetch.max.bytes")).isEqualTo("1048576");
        assertThat(properties.getProperty("security.protocol")).isEqualTo("SSL");
        assertThat(properties.getProperty("max.partition.fetch.bytes"))
                .isEqualTo(String.valueOf(LakeOptions.MAX_EVENT_BYTES));
    }
}
