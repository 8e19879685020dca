package io.cdclake.job.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdclake.format.LakeType;
import io.cdclake.job.sink.csv.CsvFormatter;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The defaults of a table version's columns, from the {@code default} of each field of Debezium's
 * value schema (the JSON converter writes a Connect schema's default there). Each is read by the
 * column's own {@link ValueReader}, so it has the column's lake type, and kept as the CSV text of
 * that value, the form the lake's table metadata records.
 *
 * <p>PostgreSQL fills a column added with a default into the existing rows without writing them to
 * the WAL, so this is the only place the lake learns their value.
 */
final class ColumnDefaults {

    private static final Logger LOG = LoggerFactory.getLogger(ColumnDefaults.class);

    static final ColumnDefaults NONE = new ColumnDefaults(Map.of(), "");

    private final Map<String, String> csvTexts;
    private final String fingerprintText;

    private ColumnDefaults(Map<String, String> csvTexts, String fingerprintText) {
        this.csvTexts = Collections.unmodifiableMap(csvTexts);
        this.fingerprintText = fingerprintText;
    }

    /** Column name to the CSV text of its default, in column order; only non-null defaults. */
    Map<String, String> csvTexts() {
        return csvTexts;
    }

    boolean isEmpty() {
        return csvTexts.isEmpty();
    }

    /** What the schema version hashes: a changed default makes a new version. */
    String fingerprintText() {
        return fingerprintText;
    }

    /** Collects the defaults of one value schema's fields, in field order. */
    static final class Builder {
        private final String table;
        private final Map<String, String> csvTexts = new LinkedHashMap<>();
        private final StringBuilder fingerprintText = new StringBuilder();

        Builder(String table) {
            this.table = table;
        }

        /** Adds the field's default, if its schema has one that is not null. */
        void add(ConnectField field, TypeMapping.Mapped mapped) {
            JsonNode value = field.schema().get("default");
            if (value == null || value.isNull()) {
                return;
            }
            String text = csvText(field, mapped, value);
            if (text == null) {
                return;
            }
            csvTexts.put(field.name(), text);
            fingerprintText.append(field.name()).append('=').append(text).append(';');
        }

        ColumnDefaults build() {
            return csvTexts.isEmpty()
                    ? NONE
                    : new ColumnDefaults(new LinkedHashMap<>(csvTexts), fingerprintText.toString());
        }

        /**
         * The CSV text of the default, or null when the column's reader refuses it. A default the
         * lake cannot read must not turn every event of the table into a dead letter: the rows
         * themselves are fine, only rows written before the column existed read null.
         */
        private String csvText(ConnectField field, TypeMapping.Mapped mapped, JsonNode value) {
            try (JsonParser parser = value.traverse()) {
                parser.nextToken();
                Object internal = mapped.reader().read(parser);
                if (internal == null || internal == ValueReader.UNAVAILABLE) {
                    return null;
                }
                LakeType type = mapped.type();
                return CsvFormatter.text(type, internal);
            } catch (IOException | DecodeException | RuntimeException e) {
                LOG.warn(
                        "Table {}: the default {} of column '{}' ({}) is not a value of its type,"
                                + " so the lake does not record it: {}",
                        table,
                        value,
                        field.name(),
                        field.describe(),
                        e.getMessage());
                return null;
            }
        }
    }
}
