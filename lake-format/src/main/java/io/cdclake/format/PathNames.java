package io.cdclake.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Names of lake folders: Hive-style escaping of path values and the UTC day of a commit. */
public final class PathNames {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private PathNames() {}

    /**
     * Escapes what would change a path's meaning, as Hive does: {@code /}, {@code =}, {@code %},
     * control characters and a few more become {@code %XX}.
     */
    public static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean escape = c < 0x20 || c == 0x7f || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0;
            if (escape) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                out.append('%').append(String.format("%02X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        String escaped = out == null ? value : out.toString();
        return escaped.equals(".") || escaped.equals("..") ? escaped.replace(".", "%2E") : escaped;
    }

    /** Reverses {@link #escape}: {@code %XX} is the byte XX of the UTF-8 name. */
    public static String unescape(String escaped) {
        if (escaped.indexOf('%') < 0) {
            return escaped;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            int c = escaped.codePointAt(i);
            if (c == '%' && isHex(escaped, i + 1)) {
                bytes.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int at) {
        return at + 1 < s.length()
                && Character.digit(s.charAt(at), 16) >= 0
                && Character.digit(s.charAt(at + 1), 16) >= 0;
    }

    /** The UTC day of an epoch-millisecond instant, as {@code YYYY-MM-DD}. */
    public static String utcDay(long epochMillis) {
        return utcDayOfEpochDay(epochDay(epochMillis));
    }

    /** Epoch day of an instant, to cache {@link #utcDay} per day. */
    public static long epochDay(long epochMillis) {
        return Math.floorDiv(epochMillis, MILLIS_PER_DAY);
    }

    public static String utcDayOfEpochDay(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).format(DAY);
    }
}
