package io.cdclake.job.sink.parquet;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.ParquetEncoding;
import io.cdclake.format.TableMetadata;
import io.cdclake.job.decode.TableSchema;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes lake rows of one table version into Parquet records of {@link ParquetEncoding#schema}, in
 * its units, and the version's {@link TableMetadata} (schema version, key columns, defaults of
 * columns) into the file's key-value metadata under {@link TableMetadata#KEY}.
 */
final class LakeWriteSupport extends WriteSupport<RowData> {

    private final MessageType schema;
    private final List<LakeColumn> columns;
    private final TableMetadata metadata;
    private RecordConsumer consumer;

    LakeWriteSupport(TableSchema table, MessageType schema) {
        this.schema = schema;
        this.columns = table.columns();
        this.metadata = table.metadata();
    }

    @Override
    public WriteContext init(Configuration configuration) {
        Map<String, String> keyValueMetadata = new HashMap<>();
        keyValueMetadata.put(TableMetadata.KEY, metadata.toJson());
        return new WriteContext(schema, keyValueMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(RowData row) {
        consumer.startMessage();
        for (int i = 0; i < columns.size(); i++) {
            if (row.isNullAt(i)) {
                continue;
            }
            LakeColumn column = columns.get(i);
            consumer.startField(column.name(), i);
            writeValue(
                    column.type(), ((org.apache.flink.table.data.GenericRowData) row).getField(i));
            consumer.endField(column.name(), i);
        }
        consumer.endMessage();
    }

    private void writeValue(LakeType type, Object value) {
        switch (type.kind()) {
            case BOOLEAN:
                consumer.addBoolean((Boolean) value);
                break;
            case SMALLINT:
                consumer.addInteger((Short) value);
                break;
            case INT:
            case DATE:
                consumer.addInteger((Integer) value);
                break;
            case BIGINT:
            case TIME:
                consumer.addLong((Long) value);
                break;
            case FLOAT:
                consumer.addFloat((Float) value);
                break;
            case DOUBLE:
                consumer.addDouble((Double) value);
                break;
            case DECIMAL:
                writeDecimal(type, (DecimalData) value);
                break;
            case STRING:
                // The decoder builds strings from Java strings: the JDK's encoder is several times
                // faster than StringData's own, and leaves the value untouched for the CSV writer,
                // which reads it on another thread.
                consumer.addBinary(
                        Binary.fromConstantByteArray(
                                value.toString().getBytes(StandardCharsets.UTF_8)));
                break;
            case BYTES:
                consumer.addBinary(Binary.fromConstantByteArray((byte[]) value));
                break;
            case TIMESTAMP:
            case TIMESTAMP_LTZ:
                TimestampData timestamp = (TimestampData) value;
                consumer.addLong(
                        ParquetEncoding.epochUnits(
                                timestamp.getMillisecond(),
                                timestamp.getNanoOfMillisecond(),
                                ParquetEncoding.timeUnit(type)));
                break;
            case ARRAY:
                writeArray(type.element(), (ArrayData) value);
                break;
            default:
                throw new IllegalArgumentException("Cannot write " + type);
        }
    }

    private void writeDecimal(LakeType type, DecimalData value) {
        if (type.precision() <= 18) {
            long unscaled = value.toUnscaledLong();
            if (type.precision() <= 9) {
                consumer.addInteger((int) unscaled);
            } else {
                consumer.addLong(unscaled);
            }
            return;
        }
        byte[] fixed =
                ParquetEncoding.fixedDecimal(
                        new BigInteger(value.toUnscaledBytes()), type.precision());
        consumer.addBinary(Binary.fromConstantByteArray(fixed));
    }

    private void writeArray(LakeType element, ArrayData array) {
        GenericArrayData values = (GenericArrayData) array;
        consumer.startGroup();
        if (values.size() > 0) {
            Object[] items = values.toObjectArray();
            consumer.startField(ParquetEncoding.LIST_GROUP, 0);
            for (Object item : items) {
                consumer.startGroup();
                if (item != null) {
                    consumer.startField(ParquetEncoding.LIST_ELEMENT, 0);
                    writeValue(element, item);
                    consumer.endField(ParquetEncoding.LIST_ELEMENT, 0);
                }
                consumer.endGroup();
            }
            consumer.endField(ParquetEncoding.LIST_GROUP, 0);
        }
        consumer.endGroup();
    }
}
