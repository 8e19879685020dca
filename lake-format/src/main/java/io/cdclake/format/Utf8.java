package io.cdclake.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lake's text is UTF-8. Bytes that must be UTF-8 (a CSV part file, a change event's value) are
 * decoded strictly here: a malformed sequence is an answer, never a replacement character.
 */
public final class Utf8 {

    private Utf8() {}

    /** The text of {@code bytes}, or empty when they are not UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
