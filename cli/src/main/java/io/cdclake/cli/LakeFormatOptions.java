package io.cdclake.cli;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The formats the job writes, as the commands that read them need to know: the job's {@code
 * lake.formats} ({@code --formats}) and {@code csv.delimiter} ({@code --csv-delimiter}). The same
 * options for {@code verify}, which compares the CSV files with the Parquet files, and {@code
 * compact}, which compares those it covers.
 */
public final class LakeFormatOptions {

    @Option(
            names = "--formats",
            paramLabel = "LIST",
            description = "the job's lake.formats: parquet,csv (default) or parquet")
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

    /**
     * Whether CSV files are compared: the job's {@code lake.formats}, separated by {@code ,} or
     * {@code ;}.
     */
    static boolean checkCsv(String formats) throws LakeLocationOptions.UsageException {
        if (formats == null) {
            return true;
        }
        Set<String> names = new HashSet<>();
        for (String name : formats.split("[,;]")) {
            String format = name.trim().toLowerCase(Locale.ROOT);
            if (!format.equals("parquet") && !format.equals("csv")) {
                throw new LakeLocationOptions.UsageException(
                        "--formats '" + formats + "': each format is parquet or csv");
            }
            names.add(format);
        }
        if (!names.contains("parquet")) {
            throw new LakeLocationOptions.UsageException(
                    "--formats '"
                            + formats
                            + "': the lake is read from its Parquet files, so parquet must be one");
        }
        return names.contains("csv");
    }

    static char csvDelimiter(String value) throws LakeLocationOptions.UsageException {
        if (value == null) {
            return ',';
        }
        if (value.equals("\\t")) {
            return '\t';
        }
        if (value.length() != 1 || value.equals("\"") || value.equals("\r") || value.equals("\n")) {
            throw new LakeLocationOptions.UsageException(
                    "--csv-delimiter '"
                            + value
                            + "' is not one character (\\t for tab) other than a quote or line"
                            + " break");
        }
        return value.charAt(0);
    }
}
