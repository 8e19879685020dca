package io.cdclake.cli;

import io.cdclake.job.options.InvalidOptionException;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions;
import picocli.CommandLine.Option;

/**
 * The formats the job writes, as the commands that read them need to know: the job's {@code
 * lake.formats} ({@code --formats}) and {@code csv.delimiter} ({@code --csv-delimiter}), parsed by
 * the job's own options ({@link JobConfig#ofFormatOptions}). The same options for {@code verify},
 * which compares the CSV files with the Parquet files, and {@code compact}, which compares those it
 * covers.
 */
public final class LakeFormatOptions {

    @Option(
            names = "--formats",
            paramLabel = "LIST",
            description =
                    "the job's lake.formats: PARQUET;CSV (default) or PARQUET (a comma separates"
                            + " too)")
    private String formats;

    @Option(
            names = "--csv-delimiter",
            paramLabel = "C",
            description = "the job's csv.delimiter, one character or \\t (default ,)")
    private String csvDelimiter;

    /** Whether the lake has CSV files to compare with its Parquet files. */
    public boolean checkCsv() throws LakeLocationOptions.UsageException {
        return checkCsv(formats);
    }

    /** The CSV files' delimiter. */
    public char csvDelimiter() throws LakeLocationOptions.UsageException {
        return csvDelimiter(csvDelimiter);
    }

    /** Whether CSV files are compared: the job's {@code lake.formats}. */
    static boolean checkCsv(String formats) throws LakeLocationOptions.UsageException {
        java.util.List<LakeOptions.Format> parsed;
        try {
            parsed =
                    JobConfig.ofFormatOptions(
                                    formats == null ? null : formats.replace(',', ';'), null)
                            .formats();
        } catch (InvalidOptionException e) {
            throw new LakeLocationOptions.UsageException(
                    "--formats '" + formats + "': " + e.getMessage());
        }
        if (!parsed.contains(LakeOptions.Format.PARQUET)) {
            throw new LakeLocationOptions.UsageException(
                    "--formats '"
                            + formats
                            + "': the lake is read from its Parquet files, so parquet must be one");
        }
        return parsed.contains(LakeOptions.Format.CSV);
    }

    static char csvDelimiter(String value) throws LakeLocationOptions.UsageException {
        try {
            return JobConfig.ofFormatOptions(null, value).csvDelimiter();
        } catch (InvalidOptionException e) {
            throw new LakeLocationOptions.UsageException(
                    "--csv-delimiter '" + value + "': " + e.getMessage());
        }
    }
}
