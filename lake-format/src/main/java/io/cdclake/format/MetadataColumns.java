package io.cdclake.format;

import io.cdclake.format.LakeType.Kind;
import java.util.List;

/** The columns every lake row carries after the table's own columns, in this order. */
public final class MetadataColumns {

    public static final String OP = "_op";
    public static final String IMAGE = "_image";
    public static final String SOURCE_TS_MS = "_source_ts_ms";
    public static final String TS_MS = "_ts_ms";
    public static final String LSN = "_lsn";
    public static final String TX_ID = "_tx_id";
    public static final String TOPIC = "_topic";
    public static final String PARTITION = "_partition";
    public static final String OFFSET = "_offset";
    public static final String UNAVAILABLE_COLUMNS = "_unavailable_columns";

    /**
     * Debezium's {@code source.name}: the connector's {@code topic.prefix}, which names the
     * database the row comes from. Null in files written before it was recorded.
     */
    public static final String SOURCE_NAME = "_source_name";

    /** Debezium's {@code source.db}: the database's name in its PostgreSQL server. */
    public static final String SOURCE_DB = "_source_db";

    /**
     * Only in a table's current-state table: the place of the row's last change in the replay's
     * commit order (its {@code _lsn}, or for a read the highest LSN before it in its Kafka
     * partition), which later changes are ordered against.
     */
    public static final String REPLAY_LSN = "_replay_lsn";

    /** {@code _image} of a row holding the state before the change (updates, deletes). */
    public static final String BEFORE = "before";

    /** {@code _image} of a row holding the state after the change (reads, inserts, updates). */
    public static final String AFTER = "after";

    public static final List<LakeColumn> ALL =
            List.of(
                    new LakeColumn(OP, LakeType.of(Kind.STRING)),
                    new LakeColumn(IMAGE, LakeType.of(Kind.STRING)),
                    new LakeColumn(SOURCE_TS_MS, LakeType.of(Kind.BIGINT)),
                    new LakeColumn(TS_MS, LakeType.of(Kind.BIGINT)),
                    new LakeColumn(LSN, LakeType.of(Kind.BIGINT)),
                    new LakeColumn(TX_ID, LakeType.of(Kind.BIGINT)),
                    new LakeColumn(TOPIC, LakeType.of(Kind.STRING)),
                    new LakeColumn(PARTITION, LakeType.of(Kind.INT)),
                    new LakeColumn(OFFSET, LakeType.of(Kind.BIGINT)),
                    new LakeColumn(UNAVAILABLE_COLUMNS, LakeType.of(Kind.STRING)),
                    new LakeColumn(SOURCE_NAME, LakeType.of(Kind.STRING)),
                    new LakeColumn(SOURCE_DB, LakeType.of(Kind.STRING)));

    private MetadataColumns() {}
}
