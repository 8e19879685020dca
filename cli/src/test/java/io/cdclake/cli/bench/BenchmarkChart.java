package io.cdclake.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The benchmark's picture with plain Java2D, so the README's chart needs no plotting library:
 * latency percentiles per checkpoint interval as grouped bars, throughputs as horizontal bars.
 */
final class BenchmarkChart {

    /** Latency percentiles of one checkpoint interval. */
    record LatencyGroup(String label, long p50, long p95, long p99, long changes) {}

    /**
     * One throughput in {@code unit} per second ({@code rows} or {@code events}); {@code thisRun}
     * tells measured here from read from another benchmark's result.
     */
    record Throughput(String label, double perSecond, String unit, boolean thisRun) {}

    record Data(
            String title,
            String subtitle,
            List<LatencyGroup> latency,
            List<Throughput> throughput,
            List<String> footnotes) {}

    private static final int WIDTH = 1700;
    private static final int HEIGHT = 820;
    private static final int PLOT_TOP = 170;
    private static final int PLOT_BOTTOM = 620;
    private static final Color[] PERCENTILE_COLORS = {
        new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756)
    };
    private static final String[] PERCENTILE_NAMES = {"p50", "p95", "p99"};
    private static final Color THIS_RUN = new Color(0x4C78A8);
    private static final Color OTHER_RUN = new Color(0x9DB4CC);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final Color TEXT = new Color(0x222222);
    private static final Color MUTED = new Color(0x666666);

    private BenchmarkChart() {}

    static void write(Data data, List<Path> files) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = render(data);
        for (Path file : files) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        }
    }

    static BufferedImage render(Data data) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            text(g, data.title(), 40, 48, font(Font.BOLD, 28), TEXT);
            text(g, data.subtitle(), 40, 80, font(Font.PLAIN, 16), MUTED);
            latencyPanel(g, data.latency(), 110, 800);
            throughputPanel(g, data.throughput(), 880, WIDTH - 40);
            int y = HEIGHT - 20 - 22 * (data.footnotes().size() - 1);
            for (String note : data.footnotes()) {
                text(g, note, 40, y, font(Font.PLAIN, 14), MUTED);
                y += 22;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void latencyPanel(Graphics2D g, List<LatencyGroup> groups, int left, int right) {
        text(
                g,
                "End-to-end latency: commit in PostgreSQL \u2192 row in a committed lake file",
                left - 70,
                130,
                font(Font.BOLD, 18),
                TEXT);
        long max = groups.stream().mapToLong(LatencyGroup::p99).max().orElse(1);
        long step = niceStep(max);
        long top = (max / step + 1) * step;
        g.setFont(font(Font.PLAIN, 13));
        for (long tick = 0; tick <= top; tick += step) {
            int y = yOf(tick, top);
            g.setColor(GRID);
            g.drawLine(left, y, right, y);
            rightAligned(g, format(tick), left - 8, y + 5, font(Font.PLAIN, 13), MUTED);
        }
        verticalText(
                g, "latency (ms)", left - 70, (PLOT_TOP + PLOT_BOTTOM) / 2, font(Font.PLAIN, 15));

        double groupWidth = (right - left) / (double) Math.max(1, groups.size());
        int bar = (int) Math.min(70, groupWidth * 0.24);
        for (int i = 0; i < groups.size(); i++) {
            LatencyGroup group = groups.get(i);
            long[] values = {group.p50(), group.p95(), group.p99()};
            int center = (int) (left + groupWidth * (i + 0.5));
            int x = center - bar * 3 / 2 - 4;
            for (int k = 0; k < 3; k++) {
                int y = yOf(values[k], top);
                g.setColor(PERCENTILE_COLORS[k]);
                g.fillRect(x, y, bar, PLOT_BOTTOM - y);
                centered(g, format(values[k]), x + bar / 2, y - 6, font(Font.BOLD, 13), TEXT);
                x += bar + 4;
            }
            centered(g, group.label(), center, PLOT_BOTTOM + 24, font(Font.BOLD, 15), TEXT);
            centered(
                    g,
                    format(group.changes()) + " changes",
                    center,
                    PLOT_BOTTOM + 44,
                    font(Font.PLAIN, 13),
                    MUTED);
        }
        g.setColor(TEXT);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(left, PLOT_BOTTOM, right, PLOT_BOTTOM);
        centered(
                g,
                "Flink checkpoint interval",
                (left + right) / 2,
                PLOT_BOTTOM + 74,
                font(Font.PLAIN, 15),
                TEXT);

        int lx = right - 210;
        for (int k = 0; k < 3; k++) {
            g.setColor(PERCENTILE_COLORS[k]);
            g.fillRect(lx + k * 70, PLOT_TOP - 26, 14, 14);
            text(
                    g,
                    PERCENTILE_NAMES[k],
                    lx + k * 70 + 20,
                    PLOT_TOP - 14,
                    font(Font.PLAIN, 14),
                    TEXT);
        }
    }

    private static void throughputPanel(Graphics2D g, List<Throughput> bars, int left, int right) {
        text(g, "Throughput (rows or events per second)", left, 130, font(Font.BOLD, 18), TEXT);
        int labelRight = left + 330;
        int barLeft = labelRight + 10;
        int barRight = right - 130;
        double max = bars.stream().mapToDouble(Throughput::perSecond).max().orElse(1);
        int rowHeight = Math.min(64, (PLOT_BOTTOM - PLOT_TOP) / Math.max(1, bars.size()));
        int y = PLOT_TOP;
        for (Throughput bar : bars) {
            int width = (int) Math.max(2, (barRight - barLeft) * bar.perSecond() / max);
            g.setColor(bar.thisRun() ? THIS_RUN : OTHER_RUN);
            g.fillRect(barLeft, y + 8, width, rowHeight - 20);
            int baseline = y + rowHeight / 2 + 3;
            rightAligned(
                    g,
                    bar.label(),
                    labelRight,
                    baseline,
                    font(bar.thisRun() ? Font.BOLD : Font.PLAIN, 14),
                    TEXT);
            text(
                    g,
                    format(Math.round(bar.perSecond())) + " " + bar.unit() + "/s",
                    barLeft + width + 6,
                    baseline,
                    font(Font.BOLD, 13),
                    TEXT);
            y += rowHeight;
        }
        g.setColor(TEXT);
        g.drawLine(barLeft, PLOT_TOP, barLeft, y);
        g.setColor(THIS_RUN);
        g.fillRect(barLeft, PLOT_BOTTOM + 12, 14, 14);
        text(g, "measured in this run", barLeft + 20, PLOT_BOTTOM + 24, font(Font.PLAIN, 13), TEXT);
        g.setColor(OTHER_RUN);
        g.fillRect(barLeft, PLOT_BOTTOM + 36, 14, 14);
        text(
                g,
                "from the job and loader benchmarks",
                barLeft + 20,
                PLOT_BOTTOM + 48,
                font(Font.PLAIN, 13),
                TEXT);
    }

    private static int yOf(long value, long top) {
        return PLOT_BOTTOM - (int) Math.round((PLOT_BOTTOM - PLOT_TOP) * (double) value / top);
    }

    /** A 1, 2 or 5 times a power of ten giving four to eight grid lines. */
    static long niceStep(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (max / (step * m) <= 6) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    private static String format(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static Font font(int style, int size) {
        return new Font(Font.SANS_SERIF, style, size);
    }

    private static void text(Graphics2D g, String s, int x, int y, Font font, Color color) {
        g.setFont(font);
        g.setColor(color);
        g.drawString(s, x, y);
    }

    private static void centered(Graphics2D g, String s, int x, int y, Font font, Color color) {
        FontMetrics metrics = g.getFontMetrics(font);
        text(g, s, x - metrics.stringWidth(s) / 2, y, font, color);
    }

    private static void rightAligned(Graphics2D g, String s, int x, int y, Font font, Color color) {
        FontMetrics metrics = g.getFontMetrics(font);
        text(g, s, x - metrics.stringWidth(s), y, font, color);
    }

    private static void verticalText(Graphics2D g, String s, int x, int y, Font font) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, y);
        centered(g, s, x, y, font, TEXT);
        g.setTransform(saved);
    }
}
