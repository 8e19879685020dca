package io.cdclake.job.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import io.cdclake.format.LakeValues;
import io.cdclake.job.options.LakeOptions.UpdateMode;
import io.cdclake.job.sink.Representability;
import io.cdclake.job.source.KafkaChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;

/**
 * The values no standard type holds, as Debezium's PostgreSQL connector sends them (the values seen
 * on a real run of {@code PostgresTypesITCase}), decode to the lake's conventions and reach both
 * formats: infinities, numeric specials, intervals as text, points, types Debezium does not know.
 */
class SpecialValuesDecoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FIELDS =
            """
            [{"type":"int32","optional":false,"field":"id"},
             {"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","version":1,"field":"tz"},
             {"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"ts_us"},
             {"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","version":1,"field":"ts_ms"},
             {"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1,"field":"d"},
             {"type":"string","optional":true,"name":"io.debezium.time.Interval","version":1,"field":"it"},
             {"type":"struct","fields":[{"type":"double","optional":false,"field":"x"},{"type":"double","optional":false,"field":"y"},{"type":"bytes","optional":true,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],"optional":true,"name":"io.debezium.data.geometry.Point","version":1,"field":"p"},
             {"type":"bytes","optional":true,"parameters":{"__debezium.source.column.type":"BOX"},"field":"bx"},
             {"type":"bytes","optional":true,"parameters":{"__debezium.source.column.type":"BYTEA"},"field":"ba"},
             {"type":"string","optional":true,"parameters":{"__debezium.source.column.type":"NUMERIC","__debezium.source.column.scale":"0"},"field":"n"},
             {"type":"string","optional":true,"field":"t"}]
            """;

    private final DebeziumDecoder decoder =
            new DebeziumDecoder("__debezium_unavailable_value", UpdateMode.BEFORE_AND_AFTER);

    private LakeRow decode(String after) throws Exception {
        String template =
                Files.readAllLines(Path.of("src/test/resources/debezium/ops.jsonl")).get(0);
        ObjectNode event = (ObjectNode) JSON.readTree(template);
        ArrayNode fields = (ArrayNode) JSON.readTree(FIELDS);
        for (int i = 0; i < 2; i++) {
            ((ObjectNode) event.path("schema").path("fields").get(i)).set("fields", fields);
        }
        ((ObjectNode) event.path("payload")).set("after", JSON.readTree(after));
        List<LakeRow> rows = new ArrayList<>();
        decoder.decode(
                new KafkaChange(
                        "postgres.public.ops_demo",
                        0,
                        0,
                        JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8)),
                rows::add);
        assertThat(rows).hasSize(1);
        assertThat(Representability.problem(rows.get(0))).isNull();
        return rows.get(0);
    }

    private static Object value(LakeRow row, String column) {
        List<LakeColumn> columns = row.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return row.row().getField(i);
            }
        }
        throw new IllegalArgumentException(column);
    }

    private static LakeType type(LakeRow row, String column) {
        return row.schema().columns().stream()
                .filter(c -> c.name().equals(column))
                .findFirst()
                .orElseThrow()
                .type();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void infinitiesOfStreamedChanges() throws Exception {
        LakeRow row =
                decode(
                        """
                        {"id":1,"tz":"-infinity","ts_us":9223372036825200000,
                         "ts_ms":-9223372036832400,"d":-2147472692,"it":"P1M","p":null,
                         "bx":null,"ba":null,"n":"NAN","t":"infinity"}
                        """);
        assertThat(((TimestampData) value(row, "tz")).getMillisecond())
                .isEqualTo(LakeValues.NEGATIVE_INFINITY_MILLIS);
        assertThat(((TimestampData) value(row, "ts_us")).getMillisecond())
                .isEqualTo(LakeValues.POSITIVE_INFINITY_MILLIS);
        assertThat(((TimestampData) value(row, "ts_ms")).getMillisecond())
                .isEqualTo(LakeValues.NEGATIVE_INFINITY_MILLIS);
        assertThat(value(row, "d")).isEqualTo(LakeValues.INFINITE_DAYS);
        assertThat(value(row, "n").toString()).isEqualTo("NaN");
        // Only a numeric column's text is PostgreSQL's spelling of a special value.
        assertThat(value(row, "t").toString()).isEqualTo("infinity");
    }

    @Test
    void infinitiesOfTheSnapshotAndOrdinaryValues() throws Exception {
        LakeRow row =
                decode(
                        """
                        {"id":2,"tz":"2016-11-04T11:51:30.123456Z","ts_us":1478267490123456,
                         "ts_ms":1478267490123,"d":-622191234,"it":"P-178000000Y","p":{"x":-0.5,"y":1e300,"wkb":null,"srid":null},
                         "bx":"%s","ba":"%s","n":"POSITIVE_INFINITY","t":"x"}
                        """
                                .formatted(base64("(1.0,1.0),(0.0,0.0)"), base64("raw")));
        assertThat(value(row, "d")).isEqualTo(LakeValues.INFINITE_DAYS);
        assertThat(((TimestampData) value(row, "ts_us")).toInstant())
                .hasToString("2016-11-04T13:51:30.123456Z");
        assertThat(type(row, "it").kind()).isEqualTo(Kind.STRING);
        assertThat(value(row, "it").toString()).isEqualTo("P-178000000Y");
        assertThat(type(row, "p").kind()).isEqualTo(Kind.STRING);
        assertThat(value(row, "p").toString()).isEqualTo("(-0.5,1e+300)");
        // A type Debezium does not know is its text, as PostgreSQL prints it; bytea stays bytes.
        assertThat(type(row, "bx").kind()).isEqualTo(Kind.STRING);
        assertThat(value(row, "bx").toString()).isEqualTo("(1,1),(0,0)");
        assertThat(type(row, "ba").kind()).isEqualTo(Kind.BYTES);
        assertThat(value(row, "n").toString()).isEqualTo("Infinity");
    }
}
