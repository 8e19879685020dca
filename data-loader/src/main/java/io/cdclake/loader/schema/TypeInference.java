package io.cdclake.loader.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Infers one column type per CSV column from sample values. Each value votes for the narrowest kind
 * that holds it and the votes widen: integer → bigint → numeric → double precision, date →
 * timestamp, anything else mixed → text. Empty values are NULL and do not vote; a column with no
 * value at all becomes text.
 */
public final class TypeInference {

    private final ColumnType[] types;

    public TypeInference(int columns) {
        this.types = new ColumnType[columns];
    }

    /** Observes one row; extra or missing fields are ignored here, the load itself reports them. */
    public void observe(List<String> row) {
        int n = Math.min(row.size(), types.length);
        for (int i = 0; i < n; i++) {
            String value = row.get(i);
            if (value == null || value.isEmpty()) {
                continue;
            }
            ColumnType kind = kindOf(value);
            types[i] = types[i] == null ? kind : widen(types[i], kind);
        }
    }

    public List<ColumnType> types() {
        List<ColumnType> result = new ArrayList<>(types.length);
        for (ColumnType t : types) {
            result.add(t == null ? ColumnType.TEXT : t);
        }
        return result;
    }

    /** The narrowest kind that holds a non-empty value. */
    public static ColumnType kindOf(String value) {
        if (hasLeadingZero(value)) {
            // "02134" is a code, not the number 2134: keep it text so nothing is lost.
            return ColumnType.TEXT;
        }
        if (ColumnType.fitsInteger(value, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
            return ColumnType.INTEGER;
        }
        if (ColumnType.fitsInteger(value, Long.MIN_VALUE, Long.MAX_VALUE)) {
            return ColumnType.BIGINT;
        }
        if (ColumnType.isDecimal(value, false)) {
            return ColumnType.NUMERIC;
        }
        if (ColumnType.isDecimal(value, true) || ColumnType.isSpecialNumber(value, true)) {
            return ColumnType.DOUBLE;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return ColumnType.BOOLEAN;
        }
        if (ColumnType.isDate(value)) {
            return ColumnType.DATE;
        }
        if (ColumnType.isTimestamp(value)) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.TEXT;
    }

    public static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == b) {
            return a;
        }
        List<ColumnType> numbers =
                Arrays.asList(
                        ColumnType.SMALLINT,
                        ColumnType.INTEGER,
                        ColumnType.BIGINT,
                        ColumnType.NUMERIC,
                        ColumnType.DOUBLE);
        int ia = numbers.indexOf(a);
        int ib = numbers.indexOf(b);
        if (ia >= 0 && ib >= 0) {
            return numbers.get(Math.max(ia, ib));
        }
        if ((a == ColumnType.DATE || a == ColumnType.TIMESTAMP)
                && (b == ColumnType.DATE || b == ColumnType.TIMESTAMP)) {
            return ColumnType.TIMESTAMP;
        }
        return ColumnType.TEXT;
    }

    private static boolean hasLeadingZero(String value) {
        int i = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
        return value.length() > i + 1
                && value.charAt(i) == '0'
                && Character.isDigit(value.charAt(i + 1));
    }
}
