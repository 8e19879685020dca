package io.cdclake.job.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldOrderTest {

    private static final FieldOrder ORDER = new FieldOrder(List.of("id", "name", "price"));

    /** Reads an object's field names as the decoder does, expecting the next after each. */
    private static List<String> names(String json) throws Exception {
        List<String> names = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            p.nextToken();
            int expected = 0;
            for (int field = ORDER.next(p, 0);
                    field != FieldOrder.END;
                    field = ORDER.next(p, expected)) {
                if (field == FieldOrder.UNKNOWN) {
                    names.add("?" + p.currentName());
                } else {
                    names.add(field + ":" + ORDER.name(field));
                    expected = field + 1;
                }
                p.nextToken();
                p.skipChildren();
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        }
        return names;
    }

    @Test
    void findsNamesInOrder() throws Exception {
        assertThat(names("{\"id\":1,\"name\":\"a\",\"price\":2.5}"))
                .containsExactly("0:id", "1:name", "2:price");
    }

    @Test
    void findsNamesOutOfOrderAndUnknownOnes() throws Exception {
        assertThat(names("{\"price\":{\"x\":[1]},\"extra\":null,\"id\":1,\"name\":\"a\",\"id\":2}"))
                .containsExactly("2:price", "?extra", "0:id", "1:name", "0:id");
    }

    @Test
    void aPrefixOfTheExpectedNameIsNotIt() throws Exception {
        assertThat(names("{\"i\":1,\"idx\":2,\"id\":3}")).containsExactly("?i", "?idx", "0:id");
    }

    @Test
    void anEmptyObjectEndsAtOnce() throws Exception {
        assertThat(names("{}")).isEmpty();
    }
}
