package io.cdclake.reader.replay;

import io.cdclake.format.CsvEncoding;
import io.cdclake.format.LakeType;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The pieces of SQL text that differ between engines: quoted names, string literals, type names and
 * typed literals of lake values. Names of schemas, tables and columns may hold any character, so
 * every name is quoted.
 */
public final class SqlText {

    private SqlText() {}

    /** {@code "a ""b"""} (DuckDB) or {@code `a "b"`} (Spark). */
    public static String identifier(SqlDialect dialect, String name) {
        if (dialect == SqlDialect.SPARK) {
            return "`" + name.replace("`", "``") + "`";
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A string literal: quotes doubled in DuckDB; in Spark, whose literals take backslash escapes,
     * backslashes and quotes escaped.
     */
    public static String string(SqlDialect dialect, String text) {
        if (dialect == SqlDialect.SPARK) {
            StringBuilder literal = new StringBuilder("'");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> literal.append("\\\\");
                    case '\'' -> literal.append("\\'");
                    case '\n' -> literal.append("\\n");
                    case '\r' -> literal.append("\\r");
                    case '\t' -> literal.append("\\t");
                    default -> literal.append(c);
                }
            }
            return literal.append('\'').toString();
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** The engine's name of a lake type. */
    public static String typeName(SqlDialect dialect, LakeType type) {
        boolean spark = dialect == SqlDialect.SPARK;
        switch (type.kind()) {
            case BOOLEAN:
                return "BOOLEAN";
            case SMALLINT:
                return "SMALLINT";
            case INT:
                return spark ? "INT" : "INTEGER";
            case BIGINT:
                return "BIGINT";
            case FLOAT:
                return "FLOAT";
            case DOUBLE:
                return "DOUBLE";
            case DECIMAL:
                return "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
            case STRING:
                return spark ? "STRING" : "VARCHAR";
            case BYTES:
                return spark ? "BINARY" : "BLOB";
            case DATE:
                return "DATE";
            case TIME:
                // Spark has no time of day type; its Parquet reader refuses the column anyway.
                return spark ? "STRING" : "TIME";
            case TIMESTAMP:
                return spark
                        ? "TIMESTAMP_NTZ"
                        : type.precision() > 6 ? "TIMESTAMP_NS" : "TIMESTAMP";
            case TIMESTAMP_LTZ:
                return spark ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE";
            case ARRAY:
                return spark
                        ? "ARRAY<" + typeName(dialect, type.element()) + ">"
                        : typeName(dialect, type.element()) + "[]";
            default:
                throw new IllegalArgumentException("no SQL type for " + type);
        }
    }

    /** {@code CAST(NULL AS type)}. */
    public static String nullOf(SqlDialect dialect, LakeType type) {
        return "CAST(NULL AS " + typeName(dialect, type) + ")";
    }

    /**
     * A literal of {@code value}, a canonical value of {@code type} ({@code LakeValues}), typed so
     * that the engine gives it exactly that type.
     */
    public static String literal(SqlDialect dialect, LakeType type, Object value) {
        if (value == null) {
            return nullOf(dialect, type);
        }
        switch (type.kind()) {
            case BOOLEAN:
                return ((Boolean) value) ? "TRUE" : "FALSE";
            case SMALLINT:
            case INT:
            case BIGINT:
                return "CAST(" + value + " AS " + typeName(dialect, type) + ")";
            case DECIMAL:
                return "CAST("
                        + string(dialect, ((BigDecimal) value).toPlainString())
                        + " AS "
                        + typeName(dialect, type)
                        + ")";
            case STRING:
                return string(dialect, (String) value);
            case BYTES:
                String base64 = Base64.getEncoder().encodeToString((byte[]) value);
                return (dialect == SqlDialect.SPARK ? "unbase64(" : "from_base64(")
                        + string(dialect, base64)
                        + ")";
            case TIME:
                if (dialect == SqlDialect.DUCKDB && LocalTime.MAX.equals(value)) {
                    return "TIME '24:00:00'";
                }
                return cast(dialect, type, CsvEncoding.text(type, value));
            case ARRAY:
                return array(dialect, type, (List<?>) value);
            default:
                // Floats (NaN and infinities as their names), dates, times and timestamps: the
                // engine casts the lake's ISO-8601 text.
                return cast(dialect, type, CsvEncoding.text(type, value));
        }
    }

    private static String cast(SqlDialect dialect, LakeType type, String text) {
        return "CAST(" + string(dialect, text) + " AS " + typeName(dialect, type) + ")";
    }

    private static String array(SqlDialect dialect, LakeType type, List<?> items) {
        List<String> elements = new ArrayList<>(items.size());
        for (Object item : items) {
            elements.add(literal(dialect, type.element(), item));
        }
        String list =
                dialect == SqlDialect.SPARK
                        ? "array(" + String.join(", ", elements) + ")"
                        : "[" + String.join(", ", elements) + "]";
        return "CAST(" + list + " AS " + typeName(dialect, type) + ")";
    }
}
