package io.cdclake.loader.load;

import io.cdclake.loader.csv.CsvFormatException;
import io.cdclake.loader.csv.CsvReader;
import io.cdclake.loader.csv.CsvRecord;
import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.schema.Column;
import io.cdclake.loader.schema.ColumnType;
import io.cdclake.loader.schema.TableInspector;
import io.cdclake.loader.schema.TypeInference;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which table columns the CSV columns go to, in CSV order: those of the existing table, or new ones
 * with explicit or inferred types.
 *
 * @param createTable whether the table is missing and must be created with these columns
 */
record ColumnPlan(List<Column> columns, boolean createTable, List<String> warnings) {

    static ColumnPlan plan(
            Connection connection, CsvSource source, List<String> header, LoadOptions options)
            throws LoadException, IOException, SQLException {
        checkHeader(header);
        Optional<List<Column>> existing = TableInspector.columns(connection, options.table());
        if (existing.isPresent()) {
            return forExistingTable(header, existing.get(), options);
        }
        for (String key : options.primaryKey()) {
            if (!header.contains(key)) {
                throw new LoadException(
                        "primary key column " + key + " is not in the CSV header " + header, null);
            }
        }
        return new ColumnPlan(newColumns(source, header, options), true, List.of());
    }

    /** Reads the header record; a file without one cannot be loaded. */
    static List<String> readHeader(CsvSource source) throws LoadException, IOException {
        try (CsvReader reader =
                new CsvReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8))) {
            CsvRecord header = reader.next();
            if (header == null) {
                throw new LoadException(
                        source.name() + " is empty; expected a header line with column names",
                        null);
            }
            return header.fields();
        } catch (CsvFormatException e) {
            throw new LoadException(new BadRow(e.line(), null, "header: " + e.reason()), e);
        }
    }

    private static void checkHeader(List<String> header) throws LoadException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new LoadException(
                        new BadRow(1, null, "header: column " + (i + 1) + " has no name"), null);
            }
            if (!seen.add(name)) {
                throw new LoadException(
                        new BadRow(1, name, "header: the column name appears twice"), null);
            }
        }
    }

    private static ColumnPlan forExistingTable(
            List<String> header, List<Column> tableColumns, LoadOptions options)
            throws LoadException {
        List<Column> columns = new ArrayList<>();
        for (String name : header) {
            columns.add(find(tableColumns, name, options));
        }
        List<String> warnings = new ArrayList<>();
        if (!options.primaryKey().isEmpty()) {
            warnings.add(
                    "table "
                            + options.table()
                            + " exists; the primary key option only applies when the loader creates"
                            + " it");
        }
        if (!options.types().isEmpty()) {
            warnings.add(
                    "table "
                            + options.table()
                            + " exists; its own column types are used, not the ones given");
        }
        return new ColumnPlan(columns, false, warnings);
    }

    /**
     * Exact name first; a unique case-insensitive match helps with tables created with unquoted
     * names.
     */
    private static Column find(List<Column> tableColumns, String name, LoadOptions options)
            throws LoadException {
        for (Column c : tableColumns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        List<Column> similar =
                tableColumns.stream().filter(c -> c.name().equalsIgnoreCase(name)).toList();
        if (similar.size() != 1) {
            throw new LoadException(
                    "CSV column "
                            + name
                            + " is not a column of table "
                            + options.table()
                            + " "
                            + tableColumns,
                    null);
        }
        return similar.get(0);
    }

    private static List<Column> newColumns(
            CsvSource source, List<String> header, LoadOptions options)
            throws LoadException, IOException {
        for (String column : options.types().keySet()) {
            if (!header.contains(column)) {
                throw new LoadException(
                        "a type is given for column "
                                + column
                                + ", which is not in the CSV header "
                                + header,
                        null);
            }
        }
        boolean allExplicit = options.types().keySet().containsAll(header);
        List<ColumnType> inferred =
                allExplicit ? null : infer(source, header.size(), options.inferenceSampleRows());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Map<String, String> types = options.types();
            try {
                columns.add(
                        types.containsKey(name)
                                ? Column.ofSql(name, types.get(name))
                                : Column.of(name, inferred.get(i)));
            } catch (IllegalArgumentException e) {
                throw new LoadException("column " + name + ": " + e.getMessage(), e);
            }
        }
        return columns;
    }

    /**
     * Votes over the first rows; broken rows are left for the load to report with their line
     * numbers.
     */
    private static List<ColumnType> infer(CsvSource source, int columns, int sampleRows)
            throws IOException {
        TypeInference inference = new TypeInference(columns);
        try (CsvReader reader =
                new CsvReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8))) {
            reader.next();
            int rows = 0;
            while (rows < sampleRows) {
                CsvRecord record;
                try {
                    record = reader.next();
                } catch (CsvFormatException e) {
                    continue;
                }
                if (record == null) {
                    break;
                }
                inference.observe(record.fields());
                rows++;
            }
        } catch (CsvFormatException e) {
            throw new IllegalStateException("the header was readable a moment ago", e);
        }
        return inference.types();
    }
}
