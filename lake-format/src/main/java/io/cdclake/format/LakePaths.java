package io.cdclake.format;

import java.util.Locale;

/**
 * Where a table's rows are in the lake: {@code <lake
 * root>/<format>/<source>/<schema>.<table>/dt=<UTC day of the commit>/<part file>}, names escaped
 * as {@link PathNames#escape} does, the source being Debezium's {@code source.name} (the
 * connector's {@code topic.prefix}), so that two databases with the same table names never share a
 * folder. A lake written before sources were named has {@code <lake
 * root>/<format>/<schema>.<table>/}: a folder under the format folder whose name holds a dot is
 * such a table of an unnamed source, since a source folder escapes its dots. Committed part files
 * are named {@code part-<uuid>-<n><suffix>}; a file still being written (or abandoned by a failed
 * writer) is hidden, {@code .part-<uuid>-<n><suffix>.inprogress.<uuid>}, and readers skip it like
 * every other name starting with {@code .} or {@code _}.
 */
public final class LakePaths {

    /** The folder of dead letters under the lake root: not a format, never read as table rows. */
    public static final String DEAD_LETTER_FOLDER = "_dead_letter";

    /**
     * The folder of events Kafka Connect sent again, which the job kept out of the tables: never
     * read as table rows, there for a person to look at.
     */
    public static final String SENT_AGAIN_FOLDER = "_sent_again";

    /**
     * The folder of the current-state tables (Apache Iceberg) under the lake root: each table's at
     * {@code iceberg/<source>/<schema>.<table>}, as its part files' folders are named ({@link
     * #stateTableLocation}). Not a format: its files are never read as change rows.
     */
    public static final String STATE_FOLDER = "iceberg";

    /** Committed part files start with this, then {@code -<uuid>-<n>} and the format's suffix. */
    public static final String PART_PREFIX = "part";

    /** Day folders are {@code dt=YYYY-MM-DD}, the UTC day of the commit. */
    public static final String DAY_PREFIX = "dt=";

    /**
     * A table folder holding {@code _expired_before=YYYY-MM-DD} lost its day folders before that
     * UTC day to retention ({@code ./cdc-lake expire}): its part files hold only the changes since,
     * and its rows are those of its current-state table and the part files it does not cover.
     * Readers that would replay every part file refuse such a table instead of answering from part
     * of its history.
     */
    public static final String EXPIRED_PREFIX = "_expired_before=";

    /** The lake's formats: each a folder under the lake root and a part file suffix. */
    public enum Format {
        PARQUET,
        CSV;

        /** {@code parquet} or {@code csv}: the format's folder under the lake root. */
        public String folder() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code .parquet} or {@code .csv}. */
        public String suffix() {
            return "." + folder();
        }
    }

    private LakePaths() {}

    /**
     * {@code <source>/<schema>.<table>}, or {@code <schema>.<table>} for a table of an unnamed
     * source, each name escaped. Dots in the source and in the schema name are escaped too, so a
     * source folder never holds a dot and the first dot of a table folder ends the schema.
     */
    public static String tableFolder(TableId table) {
        String folder =
                escapeDots(PathNames.escape(table.schema()))
                        + "."
                        + PathNames.escape(table.table());
        return table.source() == null ? folder : sourceFolder(table.source()) + "/" + folder;
    }

    /**
     * The folder of a source under a format folder: its name escaped, dots included, and a leading
     * underscore, which readers would take for a hidden name.
     */
    public static String sourceFolder(String source) {
        String escaped = escapeDots(PathNames.escape(source));
        return escaped.startsWith("_") ? "%5F" + escaped.substring(1) : escaped;
    }

    /** Whether a folder under a format folder is a table of the layout without sources. */
    public static boolean isUnnamedSourceTableFolder(String folder) {
        return folder.indexOf('.') > 0;
    }

    /** The source of a folder name {@link #sourceFolder} wrote. */
    public static String sourceOfFolder(String folder) {
        return PathNames.unescape(folder);
    }

    /** The table of a table folder name {@link #tableFolder} wrote, of the source given. */
    public static TableId tableOfFolder(String source, String folder) {
        int dot = folder.indexOf('.');
        if (dot <= 0 || dot == folder.length() - 1) {
            throw new IllegalArgumentException(
                    "the lake folder '" + folder + "' is not <schema>.<table>");
        }
        return new TableId(
                source,
                PathNames.unescape(folder.substring(0, dot)),
                PathNames.unescape(folder.substring(dot + 1)));
    }

    /** The table of a folder of the layout without sources. */
    public static TableId tableOfFolder(String folder) {
        return tableOfFolder(null, folder);
    }

    private static String escapeDots(String escaped) {
        return escaped.replace(".", "%2E");
    }

    /**
     * {@code <lake root>/<format>/<source>/<schema>.<table>}; trailing slashes of the root are
     * ignored.
     */
    public static String tableRoot(String lakeRoot, Format format, TableId table) {
        return formatRoot(lakeRoot, format) + "/" + tableFolder(table);
    }

    /** {@code <lake root>/iceberg/<source>/<schema>.<table>}: where a current-state table is. */
    public static String stateTableLocation(String lakeRoot, TableId table) {
        return lakeRoot.replaceAll("/+$", "") + "/" + STATE_FOLDER + "/" + tableFolder(table);
    }

    /** {@code <lake root>/<format>}. */
    public static String formatRoot(String lakeRoot, Format format) {
        return lakeRoot.replaceAll("/+$", "") + "/" + format.folder();
    }

    /** {@code dt=YYYY-MM-DD} of the UTC day {@code epochDay}. */
    public static String dayFolderOfEpochDay(long epochDay) {
        return DAY_PREFIX + PathNames.utcDayOfEpochDay(epochDay);
    }

    /** {@code dt=YYYY-MM-DD} of the UTC day of an epoch-millisecond instant. */
    public static String dayFolder(long epochMillis) {
        return dayFolderOfEpochDay(PathNames.epochDay(epochMillis));
    }

    /** The marker of a table whose day folders before {@code day} were expired. */
    public static String expiredMarker(java.time.LocalDate day) {
        return EXPIRED_PREFIX + day;
    }

    /** The day of an {@link #EXPIRED_PREFIX} marker's name; null for any other name. */
    public static java.time.LocalDate expiredBefore(String name) {
        if (!name.startsWith(EXPIRED_PREFIX)) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(name.substring(EXPIRED_PREFIX.length()));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The UTC day of a day folder's name, {@code dt=YYYY-MM-DD}; null for any other name. */
    public static java.time.LocalDate dayOfFolder(String name) {
        if (!isDayFolder(name)) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(name.substring(DAY_PREFIX.length()));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    public static boolean isDayFolder(String name) {
        return name.startsWith(DAY_PREFIX);
    }

    /** Whether a file name is a committed part file of {@code format}. */
    public static boolean isCommittedPart(String name, Format format) {
        return !isHidden(name) && name.endsWith(format.suffix());
    }

    /** The file sink's hidden name of a part file being written. */
    public static boolean isInProgressPart(String name) {
        return name.startsWith(".") && name.contains(".inprogress.");
    }

    /** Names no reader reads: in progress, markers. */
    public static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** {@code dt=.../name} of a part file, short enough for a report line. */
    public static String shortName(String file) {
        int slash = file.lastIndexOf('/');
        String name = slash < 0 ? file : file.substring(slash + 1);
        int dt = file.lastIndexOf("/" + DAY_PREFIX);
        return dt < 0 ? name : file.substring(dt + 1, slash) + "/" + name;
    }
}
