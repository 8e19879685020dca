package io.cdclake.cli.query;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A result printed as an aligned text table: a header, a rule, one line per row, numbers right
 * aligned, NULL for null, and the row count.
 */
final class ResultTable {

    private final List<String> header;
    private final List<Boolean> numeric;
    private final List<List<String>> rows = new ArrayList<>();

    ResultTable(List<String> header, List<Boolean> numeric) {
        this.header = List.copyOf(header);
        this.numeric = List.copyOf(numeric);
    }

    /** Every row of {@code rs}, each value as the driver renders it. */
    static ResultTable of(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> header = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            header.add(meta.getColumnLabel(i));
            numeric.add(isNumeric(meta.getColumnType(i)));
        }
        ResultTable table = new ResultTable(header, numeric);
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= header.size(); i++) {
                Object value = rs.getObject(i);
                row.add(value == null ? "NULL" : rs.getString(i));
            }
            table.add(row);
        }
        return table;
    }

    void add(List<String> row) {
        rows.add(List.copyOf(row));
    }

    void print(PrintStream out) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(header.get(i));
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        out.println(line(header, widths, false));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths, true));
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        out.flush();
    }

    private String line(List<String> values, int[] widths, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String value = oneLine(values.get(i));
            String pad = " ".repeat(widths[i] - width(value));
            line.append(i == 0 ? "" : "  ");
            if (alignNumbers && numeric.get(i)) {
                line.append(pad).append(value);
            } else {
                line.append(value).append(i == values.size() - 1 ? "" : pad);
            }
        }
        return line.toString();
    }

    /** Line breaks and tabs shown escaped, so that one row stays one line. */
    private static String oneLine(String value) {
        return value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static int width(String value) {
        String shown = oneLine(value);
        return shown.codePointCount(0, shown.length());
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case java.sql.Types.TINYINT,
                    java.sql.Types.SMALLINT,
                    java.sql.Types.INTEGER,
                    java.sql.Types.BIGINT,
                    java.sql.Types.REAL,
                    java.sql.Types.FLOAT,
                    java.sql.Types.DOUBLE,
                    java.sql.Types.DECIMAL,
                    java.sql.Types.NUMERIC ->
                    true;
            default -> false;
        };
    }
}
