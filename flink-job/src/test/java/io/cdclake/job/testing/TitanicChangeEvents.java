package io.cdclake.job.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Debezium change events of a titanic-shaped {@code public.customers} table, byte for byte as Kafka
 * Connect's JSON converter writes them with {@code schemas.enable=true} (schema first, no white
 * space), for tests and benchmarks that need many events without running a connector. Deterministic
 * for a seed. Written from text templates, fast enough for a benchmark's millions of events; {@link
 * DebeziumEvents} builds the events of a table of any shape.
 */
public final class TitanicChangeEvents {

    public static final String TOPIC = "postgres.public.customers";

    private static final String[] FIRST = {
        "Owen", "John", "Laina", "Lily", "William", "James", "Elisabeth", "Anna", "Karl", "Mary"
    };
    private static final String[] LAST = {
        "Braund",
        "Cumings",
        "Heikkinen",
        "Futrelle",
        "Allen",
        "Moran",
        "McCarthy",
        "Palsson",
        "Johnson",
        "Nasser"
    };

    private static final String ROW_SCHEMA_FIELDS =
            "[{\"type\":\"int32\",\"optional\":false,\"field\":\"PassengerId\"},"
                    + "{\"type\":\"int32\",\"optional\":true,\"field\":\"Survived\"},"
                    + "{\"type\":\"int32\",\"optional\":true,\"field\":\"Pclass\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"Name\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"Sex\"},"
                    + decimalField("Age")
                    + ","
                    + "{\"type\":\"int32\",\"optional\":true,\"field\":\"SibSp\"},"
                    + "{\"type\":\"int32\",\"optional\":true,\"field\":\"Parch\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"Ticket\"},"
                    + decimalField("Fare")
                    + ","
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"Cabin\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"Embarked\"}]";

    private static final String SCHEMA =
            "{\"type\":\"struct\",\"fields\":["
                    + "{\"type\":\"struct\",\"fields\":"
                    + ROW_SCHEMA_FIELDS
                    + ",\"optional\":true,\"name\":\"postgres.public.customers.Value\",\"field\":\"before\"},"
                    + "{\"type\":\"struct\",\"fields\":"
                    + ROW_SCHEMA_FIELDS
                    + ",\"optional\":true,\"name\":\"postgres.public.customers.Value\",\"field\":\"after\"},"
                    + "{\"type\":\"struct\",\"fields\":["
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"version\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"connector\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"name\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"ts_ms\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.data.Enum\",\"version\":1,\"parameters\":{\"allowed\":\"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental\"},\"default\":\"false\",\"field\":\"snapshot\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"db\"},"
                    + "{\"type\":\"string\",\"optional\":true,\"field\":\"sequence\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_us\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ns\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"schema\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"table\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"txId\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"lsn\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"xmin\"}],"
                    + "\"optional\":false,\"name\":\"io.debezium.connector.postgresql.Source\",\"version\":1,\"field\":\"source\"},"
                    + "{\"type\":\"struct\",\"fields\":["
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"id\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"total_order\"},"
                    + "{\"type\":\"int64\",\"optional\":false,\"field\":\"data_collection_order\"}],"
                    + "\"optional\":true,\"name\":\"event.block\",\"version\":1,\"field\":\"transaction\"},"
                    + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_us\"},"
                    + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ns\"}],"
                    + "\"optional\":false,\"name\":\"postgres.public.customers.Envelope\",\"version\":2}";

    private static String decimalField(String name) {
        return "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},"
                   + "{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable"
                   + " scaled decimal\",\"field\":\""
                + name
                + "\"}";
    }

    private final Random random;
    private final long startCommitMs;
    private long lsn = 24_000_000L;
    private long txId = 700;

    public TitanicChangeEvents(long seed, long startCommitMs) {
        this.random = new Random(seed);
        this.startCommitMs = startCommitMs;
    }

    /** A titanic passenger with that id, its other values drawn from the seed. */
    public String[] passenger(int id) {
        Random r = new Random(id * 31L + 7);
        String name =
                LAST[r.nextInt(LAST.length)]
                        + ", Mr. "
                        + FIRST[r.nextInt(FIRST.length)]
                        + (r.nextInt(10) == 0 ? " \"Jr\"" : "");
        return new String[] {
            String.valueOf(id),
            String.valueOf(r.nextInt(2)),
            String.valueOf(1 + r.nextInt(3)),
            name,
            r.nextBoolean() ? "male" : "female",
            r.nextInt(5) == 0
                    ? null
                    : new BigDecimal(r.nextInt(8000))
                            .movePointLeft(2)
                            .stripTrailingZeros()
                            .toPlainString(),
            String.valueOf(r.nextInt(4)),
            String.valueOf(r.nextInt(3)),
            "A/5 " + (20000 + r.nextInt(10000)),
            new BigDecimal(r.nextInt(5_000_000)).movePointLeft(4).toPlainString(),
            r.nextInt(4) == 0 ? "C" + r.nextInt(130) : null,
            new String[] {"S", "C", "Q"}[r.nextInt(3)]
        };
    }

    /**
     * An event: {@code op} r, c, u or d for passenger {@code id}, committed {@code index} ms after
     * the start.
     */
    public byte[] event(String op, int id, long index) {
        String[] row = passenger(id);
        String before = "null";
        String after = "null";
        if (op.equals("u")) {
            before = rowJson(row);
            row[3] = row[3] + " (updated " + random.nextInt(1000) + ")";
            after = rowJson(row);
        } else if (op.equals("d")) {
            before = rowJson(row);
        } else {
            after = rowJson(row);
        }
        long commit = startCommitMs + index;
        lsn += 56 + random.nextInt(200);
        txId++;
        String source =
                "{\"version\":\"3.4.3.Final\",\"connector\":\"postgresql\",\"name\":\"postgres\",\"ts_ms\":"
                        + commit
                        + ",\"snapshot\":\""
                        + (op.equals("r") ? "true" : "false")
                        + "\",\"db\":\"postgres\",\"sequence\":\""
                        + sequence(op)
                        + "\",\"ts_us\":"
                        + commit * 1000
                        + ",\"ts_ns\":"
                        + commit * 1_000_000
                        + ",\"schema\":\"public\",\"table\":\"customers\",\"txId\":"
                        + txId
                        + ",\"lsn\":"
                        + lsn
                        + ",\"xmin\":null}";
        long processed = commit + 3;
        String payload =
                "{\"before\":"
                        + before
                        + ",\"after\":"
                        + after
                        + ",\"source\":"
                        + source
                        + ",\"transaction\":null,\"op\":\""
                        + op
                        + "\",\"ts_ms\":"
                        + processed
                        + ",\"ts_us\":"
                        + processed * 1000
                        + ",\"ts_ns\":"
                        + processed * 1_000_000
                        + "}";
        return ("{\"schema\":" + SCHEMA + ",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Debezium's {@code [last commit LSN, change LSN]}: a snapshot read has no commit LSN; here
     * every streamed change is its own transaction, committed at its LSN.
     */
    private String sequence(String op) {
        String last = op.equals("r") ? "null" : "\\\"" + lsn + "\\\"";
        return "[" + last + ",\\\"" + lsn + "\\\"]";
    }

    private static String rowJson(String[] row) {
        StringBuilder json = new StringBuilder("{");
        String[] names = {
            "PassengerId",
            "Survived",
            "Pclass",
            "Name",
            "Sex",
            "Age",
            "SibSp",
            "Parch",
            "Ticket",
            "Fare",
            "Cabin",
            "Embarked"
        };
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(names[i]).append("\":");
            String v = row[i];
            if (v == null) {
                json.append("null");
            } else if (i == 5 || i == 9) {
                BigDecimal d = new BigDecimal(v);
                json.append("{\"scale\":")
                        .append(d.scale())
                        .append(",\"value\":\"")
                        .append(Base64.getEncoder().encodeToString(d.unscaledValue().toByteArray()))
                        .append("\"}");
            } else if (i == 3 || i == 4 || i == 8 || i == 10 || i == 11) {
                json.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                json.append(v);
            }
        }
        return json.append('}').toString();
    }
}
