package io.cdclake.loader.load;

import io.cdclake.loader.csv.CsvRecord;
import io.cdclake.loader.schema.Column;
import java.util.List;

/** Checks a CSV record against the target columns before it goes into COPY. */
final class RowValidator {

    private final Column[] columns;

    RowValidator(List<Column> columns) {
        this.columns = columns.toArray(new Column[0]);
    }

    /**
     * Fills {@code values} with the record's values (empty fields become NULL) and returns {@code
     * null}, or returns what is wrong with the record.
     */
    BadRow check(CsvRecord record, String[] values) {
        int n = columns.length;
        if (record.size() < n) {
            return new BadRow(
                    record.lineOf(record.size() - 1),
                    columns[record.size()].name(),
                    "missing: the record has " + record.size() + " fields, the header " + n);
        }
        if (record.size() > n) {
            return new BadRow(
                    record.lineOf(n),
                    null,
                    "the record has "
                            + record.size()
                            + " fields, the header "
                            + n
                            + " (extra fields after column "
                            + columns[n - 1].name()
                            + ")");
        }
        for (int i = 0; i < n; i++) {
            String value = record.get(i);
            if (value.isEmpty()) {
                values[i] = null;
                continue;
            }
            String problem = columns[i].kind().problem(value);
            if (problem != null) {
                return new BadRow(record.lineOf(i), columns[i].name(), problem);
            }
            values[i] = value;
        }
        return null;
    }
}
