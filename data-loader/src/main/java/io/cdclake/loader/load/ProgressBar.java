package io.cdclake.loader.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with {@code \r}. Stays silent for the first second so
 * quick loads print nothing, and redraws at most a few times a second.
 */
public final class ProgressBar {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDraw = started;
    private boolean drawn;

    /**
     * @param total total amount of work in {@code done} units (bytes or rows), or -1 when unknown
     */
    public ProgressBar(PrintStream out, long total, String unit) {
        this.out = out;
        this.total = total;
        this.unit = unit;
    }

    /** A bar that draws nothing, for when progress is off. */
    public static ProgressBar disabled() {
        return new ProgressBar(null, -1, "");
    }

    /** Call often; it is cheap when it does not draw. */
    public void update(long rows, long done) {
        if (out == null || (rows & 1023) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - started < QUIET_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(rows, done, now);
    }

    /** Draws the final state, if the bar was shown at all. */
    public void finish(long rows, long done) {
        if (out != null && drawn) {
            draw(rows, done, System.nanoTime());
        }
    }

    /** Ends the bar's line so what is printed next starts on its own; call in a finally block. */
    public void end() {
        if (out != null && drawn) {
            out.println();
            drawn = false;
        }
    }

    private void draw(long rows, long done, long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        StringBuilder line = new StringBuilder("\r");
        if (total > 0) {
            double share = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(share * WIDTH);
            line.append('[')
                    .append("#".repeat(filled))
                    .append(" ".repeat(WIDTH - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%% ", share * 100));
        }
        line.append(
                String.format(
                        Locale.ROOT, "%,d %s  %,.0f %s/s ", rows, unit, rows / seconds, unit));
        out.print(line);
        out.flush();
        drawn = true;
    }
}
