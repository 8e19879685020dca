package io.cdclake.format;

import java.math.BigDecimal;

/**
 * PostgreSQL's own text of the values the lake keeps as text because no Parquet type holds them
 * whole: geometric types (a {@code point} Debezium sends as x and y becomes {@code (x,y)}), and
 * numbers inside them as PostgreSQL prints a {@code double precision}.
 */
public final class PostgresText {

    private PostgresText() {}

    /** {@code (x,y)}, as PostgreSQL prints a point. */
    public static String point(double x, double y) {
        return "(" + float8(x) + "," + float8(y) + ")";
    }

    /** A number in the text of a geometric value. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile(
                    "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?Infinity|NaN");

    /**
     * The text of a geometric value ({@code box}, {@code circle}, {@code path}, ...) with every
     * number as {@link #float8} prints it: the JDBC driver's {@code (1.0,1.0),(0.0,0.0)}, which
     * Debezium's snapshot sends, becomes PostgreSQL's {@code (1,1),(0,0)}, which it streams.
     */
    public static String geometric(String text) {
        java.util.regex.Matcher number = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (number.find()) {
            number.appendReplacement(out, float8(Double.parseDouble(number.group())));
        }
        number.appendTail(out);
        return out.toString();
    }

    /** Whether PostgreSQL's type (upper or lower case) is one of its geometric types. */
    public static boolean isGeometric(String type) {
        if (type == null) {
            return false;
        }
        switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "point":
            case "box":
            case "circle":
            case "line":
            case "lseg":
            case "path":
            case "polygon":
                return true;
            default:
                return false;
        }
    }

    /**
     * A double as PostgreSQL's {@code float8out} prints it by default: the shortest digits that
     * read back as the same double, plain from 1e-4 up to 1e15 and in exponent form ({@code
     * 1e+300}, {@code 1.5e-05}) outside; {@code NaN}, {@code Infinity}, {@code -Infinity}.
     */
    public static String float8(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 15) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        StringBuilder text = new StringBuilder(value < 0 ? "-" : "");
        text.append(digits.charAt(0));
        if (digits.length() > 1) {
            text.append('.').append(digits, 1, digits.length());
        }
        text.append('e').append(exponent < 0 ? '-' : '+');
        if (Math.abs(exponent) < 10) {
            text.append('0');
        }
        return text.append(Math.abs(exponent)).toString();
    }
}
