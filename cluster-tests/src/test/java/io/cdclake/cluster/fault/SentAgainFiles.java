package io.cdclake.cluster.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lake's {@code _sent_again/} folder in the S3 server's storage (objects are plain files
 * there): the events the replay filter set aside, one JSON line each, in committed files {@code
 * dt=YYYY-MM-DD/part-<uuid>-<n>.jsonl}. Files still being written, and the parts of their uploads,
 * have hidden names.
 */
final class SentAgainFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMITTED = Pattern.compile("part-.+\\.jsonl");

    /** One event set aside: the Kafka record it came from. */
    record Line(String topic, int partition, long offset) {

        TopicCopies.At at() {
            return new TopicCopies.At(partition, offset);
        }
    }

    private SentAgainFiles() {}

    /** Every line of the committed files under {@code folder}; none when it does not exist. */
    static List<Line> committedLines(Path folder) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Path file : files(folder)) {
            if (!COMMITTED.matcher(file.getFileName().toString()).matches()) {
                continue;
            }
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = JSON.readTree(text);
                lines.add(
                        new Line(
                                line.path("topic").asText(),
                                line.path("partition").asInt(-1),
                                line.path("offset").asLong(-1)));
            }
        }
        return lines;
    }

    /** Every file under {@code folder}, committed or not; none when it does not exist. */
    static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
