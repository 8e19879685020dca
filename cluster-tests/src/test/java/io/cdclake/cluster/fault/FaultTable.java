package io.cdclake.cluster.fault;

import java.util.List;
import java.util.Locale;

/** The suite's results as a Markdown table, the one docs/exactly-once.md shows. */
final class FaultTable {

    private FaultTable() {}

    static String render(List<FaultResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                "| fault | changes to customers | keyless rows | lost (Parquet / CSV) | duplicated"
                        + " (Parquet / CSV) | seconds from the fault until the lake caught up |"
                        + " verify |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        long changes = 0;
        long keyless = 0;
        long[] lost = new long[2];
        long[] duplicated = new long[2];
        for (FaultResult r : results) {
            out.append("| ")
                    .append(r.fault())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", r.changes()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", r.keylessParquet().expected()))
                    .append(" | ")
                    .append(r.lostParquet())
                    .append(" / ")
                    .append(r.lostCsv())
                    .append(" | ")
                    .append(r.duplicatedParquet())
                    .append(" / ")
                    .append(r.duplicatedCsv())
                    .append(
                            r.duplicated() == 0
                                    ? ""
                                    : r.writtenTwice() == 0
                                            ? " (re-sent by the source)"
                                            : " ("
                                                    + r.writtenTwice()
                                                    + " written twice by the job)")
                    .append(" | ")
                    .append(
                            r.secondsToCatchUp() < 0
                                    ? "did not catch up"
                                    : String.format(Locale.ROOT, "%.1f", r.secondsToCatchUp()))
                    .append(" | ")
                    .append(r.verify())
                    .append(" |\n");
            changes += r.changes();
            keyless += r.keylessParquet().expected();
            lost[0] += r.lostParquet();
            lost[1] += r.lostCsv();
            duplicated[0] += r.duplicatedParquet();
            duplicated[1] += r.duplicatedCsv();
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "| all faults | %,d | %,d | %d / %d | %d / %d | | |%n",
                        changes,
                        keyless,
                        lost[0],
                        lost[1],
                        duplicated[0],
                        duplicated[1]));
        return out.toString();
    }
}
