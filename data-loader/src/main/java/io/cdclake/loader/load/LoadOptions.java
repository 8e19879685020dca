package io.cdclake.loader.load;

import io.cdclake.postgres.PgTable;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to load a CSV file. Start from {@link #into(PgTable)} and adjust with the {@code with*}
 * methods.
 *
 * @param primaryKey key columns for a table the loader creates
 * @param types explicit SQL types by column name, overriding inference
 * @param skipBadRows skip and report rows that do not fit instead of stopping the load
 * @param publication publication that must cover the table, or {@code null} to leave publications
 *     alone
 * @param inferenceSampleRows how many rows type inference looks at
 * @param reportedBadRows how many skipped rows are kept for the report
 */
public record LoadOptions(
        PgTable table,
        List<String> primaryKey,
        Map<String, String> types,
        boolean skipBadRows,
        String publication,
        int inferenceSampleRows,
        int reportedBadRows,
        Progress progress,
        PrintStream progressOutput) {

    public static final String DEFAULT_PUBLICATION = "cdc_lake";
    public static final int DEFAULT_SAMPLE_ROWS = 10_000;

    public LoadOptions {
        Objects.requireNonNull(table, "table");
        primaryKey = List.copyOf(primaryKey);
        types = Map.copyOf(types);
        if (inferenceSampleRows < 1) {
            throw new IllegalArgumentException("inferenceSampleRows must be positive");
        }
    }

    public static LoadOptions into(PgTable table) {
        return new LoadOptions(
                table,
                List.of(),
                Map.of(),
                false,
                DEFAULT_PUBLICATION,
                DEFAULT_SAMPLE_ROWS,
                10,
                Progress.AUTO,
                System.err);
    }

    public LoadOptions withPrimaryKey(List<String> columns) {
        return new LoadOptions(
                table,
                columns,
                types,
                skipBadRows,
                publication,
                inferenceSampleRows,
                reportedBadRows,
                progress,
                progressOutput);
    }

    public LoadOptions withType(String column, String sqlType) {
        Map<String, String> more = new LinkedHashMap<>(types);
        more.put(column, sqlType);
        return new LoadOptions(
                table,
                primaryKey,
                more,
                skipBadRows,
                publication,
                inferenceSampleRows,
                reportedBadRows,
                progress,
                progressOutput);
    }

    public LoadOptions withSkipBadRows(boolean skip) {
        return new LoadOptions(
                table,
                primaryKey,
                types,
                skip,
                publication,
                inferenceSampleRows,
                reportedBadRows,
                progress,
                progressOutput);
    }

    public LoadOptions withPublication(String name) {
        return new LoadOptions(
                table,
                primaryKey,
                types,
                skipBadRows,
                name,
                inferenceSampleRows,
                reportedBadRows,
                progress,
                progressOutput);
    }

    public LoadOptions withInferenceSampleRows(int rows) {
        return new LoadOptions(
                table,
                primaryKey,
                types,
                skipBadRows,
                publication,
                rows,
                reportedBadRows,
                progress,
                progressOutput);
    }

    public LoadOptions withProgress(Progress mode, PrintStream output) {
        return new LoadOptions(
                table,
                primaryKey,
                types,
                skipBadRows,
                publication,
                inferenceSampleRows,
                reportedBadRows,
                mode,
                output);
    }
}
