package io.cdclake.job.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Strings of the envelope that repeat from event to event, one slot each: a text equal to the
 * slot's last one returns that same string, so it is neither allocated nor hashed again.
 */
final class RepeatedTexts {

    private final String[] last;

    RepeatedTexts(int slots) {
        this.last = new String[slots];
    }

    /** The string at the parser's current token; null stays null, any other type is an error. */
    String read(JsonParser p, JsonToken token, String field, int slot)
            throws IOException, DecodeException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new DecodeException("'" + field + "' is " + token + ", not a string");
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        String previous = last[slot];
        if (previous != null && equal(previous, chars, offset, length)) {
            return previous;
        }
        String text = new String(chars, offset, length);
        last[slot] = text;
        return text;
    }

    private static boolean equal(String text, char[] chars, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
