package io.cdclake.loader.schema;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The kinds of column values the loader checks in Java. Checking here, not only in PostgreSQL, is
 * what lets an error name the CSV line and column. Formats are the unambiguous ISO ones; a type the
 * loader does not know ({@link #OTHER}) is left to PostgreSQL.
 */
public enum ColumnType {
    SMALLINT("smallint"),
    INTEGER("integer"),
    BIGINT("bigint"),
    NUMERIC("numeric"),
    DOUBLE("double precision"),
    BOOLEAN("boolean"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    TEXT("text"),
    OTHER(null);

    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .appendValue(ChronoField.HOUR_OF_DAY, 2)
                    .appendLiteral(':')
                    .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                    .optionalStart()
                    .appendLiteral(':')
                    .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT)
                    .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    private final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    /** The SQL type used when the loader creates a column of this kind. */
    public String sql() {
        if (sql == null) {
            throw new IllegalStateException("OTHER has no SQL type of its own");
        }
        return sql;
    }

    /** Why {@code value} is not a valid value of this kind, or {@code null} when it is. */
    public String problem(String value) {
        boolean ok =
                switch (this) {
                    case SMALLINT -> fitsInteger(value, Short.MIN_VALUE, Short.MAX_VALUE);
                    case INTEGER -> fitsInteger(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case BIGINT -> fitsInteger(value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case NUMERIC -> isDecimal(value, true) || isSpecialNumber(value, false);
                    case DOUBLE -> isDecimal(value, true) || isSpecialNumber(value, true);
                    case BOOLEAN -> isBoolean(value);
                    case DATE -> isDate(value);
                    case TIMESTAMP -> isTimestamp(value);
                    case TEXT, OTHER -> value.indexOf('\0') < 0;
                };
        if (ok) {
            return null;
        }
        if (this == TEXT || this == OTHER) {
            return "contains a NUL character, which PostgreSQL text cannot hold";
        }
        return "'" + abbreviate(value) + "' is not a valid " + sql;
    }

    /**
     * Maps a PostgreSQL type name (as {@code format_type} prints it, or as a user types it) to a
     * kind.
     */
    public static ColumnType fromSql(String sqlType) {
        String t = sqlType.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("]")) {
            return OTHER;
        }
        int paren = t.indexOf('(');
        String base =
                (paren >= 0 ? t.substring(0, paren) + t.substring(t.indexOf(')', paren) + 1) : t)
                        .trim();
        return switch (base) {
            case "smallint", "int2", "smallserial" -> SMALLINT;
            case "integer", "int", "int4", "serial" -> INTEGER;
            case "bigint", "int8", "bigserial" -> BIGINT;
            case "numeric", "decimal" -> NUMERIC;
            case "double precision", "float8", "float", "real", "float4" -> DOUBLE;
            case "boolean", "bool" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp", "timestamp without time zone" -> TIMESTAMP;
            case "text", "varchar", "character varying", "char", "character", "bpchar" -> TEXT;
            default -> OTHER;
        };
    }

    static boolean fitsInteger(String value, long min, long max) {
        int n = value.length();
        int i = 0;
        if (n > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+')) {
            i = 1;
        }
        if (i == n || n - i > 19) {
            return false;
        }
        for (int k = i; k < n; k++) {
            char c = value.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        try {
            long v = Long.parseLong(value);
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Plain decimal: optional sign, digits with an optional fraction, and an exponent when allowed.
     */
    static boolean isDecimal(String value, boolean allowExponent) {
        int n = value.length();
        int i = 0;
        if (n > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(value.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && value.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(value.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && allowExponent && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            i++;
            if (i < n && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(value.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    static boolean isSpecialNumber(String value, boolean allowInf) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("nan")
                || v.equals("infinity")
                || v.equals("-infinity")
                || v.equals("+infinity")
                || allowInf && (v.equals("inf") || v.equals("-inf") || v.equals("+inf"));
    }

    static boolean isBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "t", "true", "f", "false", "y", "yes", "n", "no", "on", "off", "1", "0" -> true;
            default -> false;
        };
    }

    static boolean isDate(String value) {
        if (value.length() != 10) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isTimestamp(String value) {
        if (value.length() < 16 || (value.charAt(10) != 'T' && value.charAt(10) != ' ')) {
            return false;
        }
        try {
            LocalDateTime.parse(value, TIMESTAMP_FORMAT);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
