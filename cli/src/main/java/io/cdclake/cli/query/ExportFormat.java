package io.cdclake.cli.query;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A file format DuckDB's {@code COPY ... TO} writes a query's result in. */
public enum ExportFormat {
    CSV("(FORMAT csv, HEADER true)"),
    JSON("(FORMAT json)"),
    PARQUET("(FORMAT parquet)");

    private final String copyOptions;

    ExportFormat(String copyOptions) {
        this.copyOptions = copyOptions;
    }

    /** The options of {@code COPY (query) TO 'file' <options>}. */
    public String copyOptions() {
        return copyOptions;
    }

    /** The format a file name's extension names: {@code .csv}, {@code .json}, {@code .parquet}. */
    static Optional<ExportFormat> ofFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ExportFormat format : values()) {
            if (name.endsWith("." + format.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
