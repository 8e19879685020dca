package io.cdclake.job.source;

import static io.cdclake.job.options.LakeOptions.*;

import io.cdclake.job.options.JobConfig;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds the Kafka source of Debezium topics from the job's options. */
public final class KafkaChangeSource {

    private KafkaChangeSource() {}

    public static KafkaSource<KafkaChange> create(JobConfig config) {
        return builder(config).build();
    }

    /** The configured builder, for callers that bound the source (benchmarks, backfills). */
    public static KafkaSourceBuilder<KafkaChange> builder(JobConfig config) {
        KafkaSourceBuilder<KafkaChange> builder =
                KafkaSource.<KafkaChange>builder()
                        .setProperties(consumerProperties(config))
                        .setBootstrapServers(config.get(KAFKA_BOOTSTRAP_SERVERS))
                        .setGroupId(config.get(KAFKA_GROUP_ID))
                        .setStartingOffsets(startingOffsets(config.get(KAFKA_STARTING_OFFSETS)))
                        .setDeserializer(new KafkaChangeDeserializer())
                        // Debezium writes without transactions today, but a transactional producer
                        // upstream (an outbox, a MirrorMaker) must never leak aborted data.
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .setProperty(
                                "partition.discovery.interval.ms",
                                String.valueOf(config.get(KAFKA_PARTITION_DISCOVERY).toMillis()));
        if (config.isSet(KAFKA_TOPICS)) {
            builder.setTopics(config.get(KAFKA_TOPICS));
        } else {
            builder.setTopicPattern(Pattern.compile(config.get(KAFKA_TOPIC_PATTERN)));
        }
        return builder;
    }

    /** The job's consumer defaults, overridden by the user's {@code kafka.properties.*}. */
    static Properties consumerProperties(JobConfig config) {
        Properties properties = new Properties();
        properties.putAll(KAFKA_CONSUMER_DEFAULTS);
        properties.putAll(config.kafkaProperties());
        return properties;
    }

    @SuppressWarnings("deprecation") // the connector's API still takes the client's deprecated enum
    static OffsetsInitializer startingOffsets(StartingOffsets startingOffsets) {
        switch (startingOffsets) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            case COMMITTED:
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }
}
