package io.cdclake.job.decode;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads one JSON value, the parser standing on its first token, into the lake's internal
 * representation of its column type. Built once per column of a table schema.
 */
@FunctionalInterface
public interface ValueReader {

    /** Returned for a value Debezium could not read from the WAL (a TOASTed column). */
    Object UNAVAILABLE =
            new Object() {
                @Override
                public String toString() {
                    return "UNAVAILABLE";
                }
            };

    /** Returns the value, null for JSON null, or {@link #UNAVAILABLE}. */
    Object read(JsonParser parser) throws IOException, DecodeException;
}
