package io.cdclake.reader.replay;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeValues;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.ParquetEncoding;
import io.cdclake.format.TableMetadata;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes lake Parquet part files for tests: the lake's Parquet types ({@link ParquetEncoding}),
 * table columns followed by the metadata columns, and the table metadata in the footer.
 */
public final class LakeParquet {

    private LakeParquet() {}

    /**
     * Writes {@code rows} (column name to canonical value; absent columns are null) to {@code
     * file}.
     */
    public static Path write(
            Path file,
            List<LakeColumn> tableColumns,
            List<Map<String, Object>> rows,
            TableMetadata metadata)
            throws IOException {
        List<LakeColumn> columns = new ArrayList<>(tableColumns);
        columns.addAll(MetadataColumns.ALL);
        MessageType schema = ParquetEncoding.schema("row", columns);
        ExampleParquetWriter.Builder builder =
                ExampleParquetWriter.builder(new LocalOutputFile(file))
                        .withType(schema)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
        if (metadata != null) {
            builder.withExtraMetaData(Map.of(TableMetadata.KEY, metadata.toJson()));
        }
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = builder.build()) {
            for (Map<String, Object> row : rows) {
                Group group = groups.newGroup();
                for (LakeColumn column : columns) {
                    Object value = row.get(column.name());
                    if (value != null) {
                        add(group, column.name(), column.type(), value);
                    }
                }
                writer.write(group);
            }
        }
        return file;
    }

    private static void add(Group group, String name, LakeType type, Object value) {
        switch (type.kind()) {
            case BOOLEAN -> group.add(name, (Boolean) value);
            case SMALLINT, INT -> group.add(name, ((Number) value).intValue());
            case BIGINT -> group.add(name, ((Number) value).longValue());
            case FLOAT -> group.add(name, (Float) value);
            case DOUBLE -> group.add(name, (Double) value);
            case DECIMAL -> {
                BigDecimal decimal = ((BigDecimal) value).setScale(type.scale());
                if (type.precision() <= 9) {
                    group.add(name, decimal.unscaledValue().intValueExact());
                } else if (type.precision() <= 18) {
                    group.add(name, decimal.unscaledValue().longValueExact());
                } else {
                    group.add(
                            name,
                            Binary.fromConstantByteArray(
                                    ParquetEncoding.fixedDecimal(
                                            decimal.unscaledValue(), type.precision())));
                }
            }
            case STRING -> group.add(name, (String) value);
            case BYTES -> group.add(name, Binary.fromConstantByteArray((byte[]) value));
            case DATE -> group.add(name, (int) ((LocalDate) value).toEpochDay());
            case TIME ->
                    group.add(
                            name,
                            LocalTime.MAX.equals(value)
                                    ? LakeValues.MAX_TIME_MICROS
                                    : ((LocalTime) value).toNanoOfDay() / 1000);
            case TIMESTAMP ->
                    group.add(name, micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
            case TIMESTAMP_LTZ -> group.add(name, micros((Instant) value));
            case ARRAY -> {
                Group list = group.addGroup(name);
                for (Object item : (List<?>) value) {
                    Group element = list.addGroup(ParquetEncoding.LIST_GROUP);
                    if (item != null) {
                        add(element, ParquetEncoding.LIST_ELEMENT, type.element(), item);
                    }
                }
            }
            default -> throw new IllegalArgumentException("cannot write " + type);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
