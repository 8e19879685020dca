package io.cdclake.job.deadletter;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.flink.api.common.serialization.Encoder;

/**
 * One JSON object per line: {@code reason}, {@code topic}, {@code partition}, {@code offset},
 * {@code failed_at}, and the raw value as {@code value} (text) or {@code value_base64} when it is
 * not UTF-8.
 */
public final class DeadLetterEncoder implements Encoder<DeadLetter> {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public void encode(DeadLetter letter, OutputStream stream) throws IOException {
        JsonGenerator json = JSON.createGenerator(new NonClosing(stream), JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeStringField("reason", letter.reason);
        json.writeStringField("topic", letter.topic);
        json.writeNumberField("partition", letter.partition);
        json.writeNumberField("offset", letter.offset);
        json.writeStringField("failed_at", Instant.ofEpochMilli(letter.failedAtMs).toString());
        if (letter.value == null) {
            json.writeNullField("value");
        } else {
            String text = utf8(letter.value);
            if (text != null) {
                json.writeStringField("value", text);
            } else {
                json.writeStringField(
                        "value_base64", Base64.getEncoder().encodeToString(letter.value));
            }
        }
        json.writeEndObject();
        json.close();
        stream.write('\n');
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The part file's stream belongs to the sink; the generator must not close it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
