package io.cdclake.job.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The field names of a JSON object that usually come in one order: Kafka's JSON converter writes a
 * struct's fields in its schema's order. The name expected next is matched byte for byte, which
 * spares the parser looking every name up in its symbol table (a seventh of the decoder's time);
 * any other name is still found, wherever it comes.
 */
final class FieldOrder {

    /** {@link #next}: the object ended. */
    static final int END = -1;

    /** {@link #next}: a field not in this order; {@link JsonParser#currentName()} has its name. */
    static final int UNKNOWN = -2;

    private final SerializedString[] names;
    private final Map<String, Integer> indexByName = new HashMap<>();

    FieldOrder(List<String> names) {
        this.names = new SerializedString[names.size()];
        for (int i = 0; i < names.size(); i++) {
            this.names[i] = new SerializedString(names.get(i));
            indexByName.putIfAbsent(names.get(i), i);
        }
    }

    /**
     * Moves the parser to the next field name: its index in this order, {@link #UNKNOWN}, or {@link
     * #END} when the next token is not a field name.
     *
     * @param expected the index the next field is expected to have
     */
    int next(JsonParser p, int expected) throws IOException {
        if (expected < names.length) {
            if (p.nextFieldName(names[expected])) {
                return expected;
            }
        } else {
            p.nextToken();
        }
        if (p.currentToken() != JsonToken.FIELD_NAME) {
            return END;
        }
        Integer index = indexByName.get(p.currentName());
        return index == null ? UNKNOWN : index;
    }

    /** The name at {@code index}, the same string each time. */
    String name(int index) {
        return names[index].getValue();
    }
}
