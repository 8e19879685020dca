package io.cdclake.reader.verify;

import io.cdclake.format.CsvEncoding;
import io.cdclake.format.LakeValues;
import io.cdclake.format.ParquetEncoding;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.parquet.schema.Type;

/**
 * Reads a CSV field back into the value {@link LakeTableReader} gives for the same column of a
 * Parquet file, so that the two formats compare value by value: both read back through the lake
 * format ({@link CsvEncoding}, {@link ParquetEncoding}) to the same canonical values.
 */
final class CsvValues {

    private CsvValues() {}

    /**
     * The value of {@code text} (null for a null field) as a column of {@code type}: the lake
     * format's reading of the lake type the Parquet column was written for.
     *
     * @throws IllegalArgumentException the text is not a value of that type
     */
    static Object decode(String text, Type type) {
        return CsvEncoding.read(ParquetEncoding.lakeType(type), text);
    }

    /**
     * Whether two values read from the lake are the same; decimals by value, arrays and bytes by
     * content.
     */
    static boolean same(Object a, Object b) {
        return LakeValues.same(a, b);
    }

    /** A value for a report line. */
    static String show(Object value) {
        if (value instanceof byte[] bytes) {
            return "base64 " + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(show(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return CanonicalValues.render(value);
    }
}
