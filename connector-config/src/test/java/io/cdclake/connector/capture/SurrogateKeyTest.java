package io.cdclake.connector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How {@code capture add --surrogate-key} extends Debezium's {@code message.key.columns}. */
class SurrogateKeyTest {

    private static final TableName TAGS = TableName.parse("public.tags");

    @Test
    void theSurrogateKeyBecomesTheTablesEntry() {
        assertThat(TableCapture.withKeyColumn(null, TAGS, "code")).isEqualTo("public.tags:code");
        assertThat(TableCapture.withKeyColumn("public.a:x,y", TAGS, "code"))
                .isEqualTo("public.a:x,y;public.tags:code");
        // Capturing it again is harmless.
        assertThat(TableCapture.withKeyColumn("public.tags:code", TAGS, "code"))
                .isEqualTo("public.tags:code");
        assertThat(TableCapture.withKeyColumn("", TableName.parse("\"Sales\".\"Big.Tags\""), "id"))
                .isEqualTo("Sales.Big\\.Tags:id");
    }

    @Test
    void anotherKeyOfTheTableOrANameDebeziumCannotTakeIsRefused() {
        assertThatThrownBy(() -> TableCapture.withKeyColumn("public.tags:label", TAGS, "code"))
                .hasMessageContaining("already keys public.tags otherwise (public.tags:label)");
        assertThatThrownBy(() -> TableCapture.withKeyColumn(null, TAGS, "a,b"))
                .hasMessageContaining("without , ; or :");
    }
}
