package io.cdclake.loader.load;

/**
 * A CSV row that cannot be loaded.
 *
 * @param line line of the CSV file (1-based, the header is line 1) where the offending field starts
 * @param column the column the problem is in, or {@code null} when it is not in one (extra fields)
 * @param reason what is wrong, for people
 */
public record BadRow(long line, String column, String reason) {

    @Override
    public String toString() {
        return "line " + line + (column == null ? "" : ", column " + column) + ": " + reason;
    }
}
