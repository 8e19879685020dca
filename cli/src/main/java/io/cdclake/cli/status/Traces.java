package io.cdclake.cli.status;

/** The lines of a Java stack trace worth a terminal line: the first one and the root cause. */
final class Traces {

    private static final String CAUSED_BY = "Caused by: ";

    private Traces() {}

    static String firstLine(String trace) {
        if (trace == null || trace.isBlank()) {
            return "";
        }
        String trimmed = trace.strip();
        int end = trimmed.indexOf('\n');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).strip();
    }

    /** The last "Caused by:" line without its prefix, or "" when the trace has none. */
    static String rootCause(String trace) {
        if (trace == null) {
            return "";
        }
        int at = trace.lastIndexOf(CAUSED_BY);
        return at < 0 ? "" : firstLine(trace.substring(at + CAUSED_BY.length()));
    }
}
