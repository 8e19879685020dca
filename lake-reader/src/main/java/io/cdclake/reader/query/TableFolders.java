package io.cdclake.reader.query;

import io.cdclake.format.LakePaths;
import io.cdclake.format.PathNames;
import io.cdclake.format.TableId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The table of a folder name {@code <schema>.<table>} as {@link LakePaths#tableFolder} writes it:
 * the two names escaped by {@link PathNames#escape} and joined by a dot.
 */
final class TableFolders {

    private TableFolders() {}

    /**
     * Splits at the first dot. A schema name holding a dot is not escaped in the folder name, so
     * {@code a.b.c} is read as schema {@code a}, table {@code b.c}: table names hold dots far more
     * often than schema names.
     */
    static TableId tableOf(String folder) {
        int dot = folder.indexOf('.');
        if (dot <= 0 || dot == folder.length() - 1) {
            throw new IllegalArgumentException(
                    "the lake folder '" + folder + "' is not <schema>.<table>");
        }
        return new TableId(unescape(folder.substring(0, dot)), unescape(folder.substring(dot + 1)));
    }

    /** Reverses {@link PathNames#escape}: {@code %XX} is the byte XX of the UTF-8 name. */
    static String unescape(String escaped) {
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
}
