package io.cdclake.cli.load;

import io.cdclake.loader.load.BadRow;
import io.cdclake.loader.load.LoadResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code load} prints about a committed load; the demo prints the same. */
public final class LoadReport {

    private LoadReport() {}

    /** Warnings to {@code err}, the rest to {@code out}. */
    public static void print(
            LoadResult result, String publication, PrintStream out, PrintStream err) {
        for (String warning : result.warnings()) {
            err.println("warning: " + warning);
        }
        out.printf(
                Locale.ROOT,
                "loaded %d rows into %s in %.2f s%n",
                result.rowsLoaded(),
                result.table(),
                result.elapsed().toNanos() / 1e9);
        if (result.tableCreated()) {
            out.println(
                    "created table "
                            + result.table()
                            + " ("
                            + result.columns().stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "))
                            + ")");
        }
        if (result.publication() != null) {
            out.println(
                    "publication "
                            + publication
                            + ": "
                            + result.publication()
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', ' '));
        }
        if (result.badRowCount() > 0) {
            out.println(
                    "skipped "
                            + result.badRowCount()
                            + " bad rows"
                            + (result.badRowCount() > result.badRows().size()
                                    ? "; the first ones:"
                                    : ":"));
            for (BadRow bad : result.badRows()) {
                out.println("  " + bad);
            }
        }
    }
}
