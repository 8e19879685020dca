package io.cdclake.job.deadletter;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cdclake.format.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
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
            Optional<String> text = Utf8.decode(letter.value);
            if (text.isPresent()) {
                json.writeStringField("value", text.get());
            } else {
                json.writeStringField(
                        "value_base64", Base64.getEncoder().encodeToString(letter.value));
            }
        }
        json.writeEndObject();
        json.close();
        stream.write('\n');
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
