package io.cdclake.loader.changes;

import io.cdclake.loader.generate.Seeds;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.schema.Column;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Values for a new row, as text in table column order ({@code null} is NULL), a function of (seed,
 * id).
 */
interface RowSource {

    String[] row(long id);

    /** Passengers for a titanic-shaped table, plausible values by column type for any other. */
    static RowSource forTable(List<Column> columns, int keyIndex, long seed) {
        List<String> names = columns.stream().map(Column::name).toList();
        if (new HashSet<>(names).equals(new HashSet<>(TitanicSchema.COLUMN_NAMES))) {
            return titanic(names, seed);
        }
        return typed(columns, keyIndex, seed);
    }

    private static RowSource titanic(List<String> names, long seed) {
        TitanicGenerator generator = new TitanicGenerator(seed);
        int[] fromTitanic = names.stream().mapToInt(TitanicSchema.COLUMN_NAMES::indexOf).toArray();
        return id -> {
            String[] values = generator.row(Math.toIntExact(id)).values();
            String[] row = new String[fromTitanic.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = values[fromTitanic[i]];
            }
            return row;
        };
    }

    private static RowSource typed(List<Column> columns, int keyIndex, long seed) {
        return id -> {
            SplittableRandom r = new SplittableRandom(Seeds.mix(seed, id));
            String[] row = new String[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = i == keyIndex ? Long.toString(id) : value(columns.get(i), r);
            }
            return row;
        };
    }

    private static String value(Column column, SplittableRandom r) {
        return switch (column.kind()) {
            case SMALLINT -> Integer.toString(r.nextInt(1000));
            case INTEGER -> Integer.toString(r.nextInt(1_000_000));
            case BIGINT -> Long.toString(r.nextLong(1_000_000_000_000L));
            case NUMERIC ->
                    String.format(Locale.ROOT, "%d.%02d", r.nextInt(10_000), r.nextInt(100));
            case DOUBLE -> Double.toString(r.nextDouble() * 1000);
            case BOOLEAN -> r.nextBoolean() ? "true" : "false";
            case DATE -> LocalDate.of(1900, 1, 1).plusDays(r.nextInt(47_000)).toString();
            case TIMESTAMP ->
                    LocalDateTime.of(1900, 1, 1, 0, 0)
                            .plusSeconds(r.nextLong(4_000_000_000L))
                            .toString();
            case TEXT -> "value-" + Integer.toString(r.nextInt(1 << 30), 36);
            case OTHER -> null;
        };
    }
}
