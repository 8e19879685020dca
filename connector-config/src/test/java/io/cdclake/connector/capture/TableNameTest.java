package io.cdclake.connector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableNameTest {

    @Test
    void parsesLikePostgresFoldingUnquotedNamesToLowerCase() {
        assertThat(TableName.parse("Orders")).isEqualTo(new TableName("public", "orders"));
        assertThat(TableName.parse(" Sales.Orders ")).isEqualTo(new TableName("sales", "orders"));
        assertThat(TableName.parse("\"My Schema\".\"order.lines\""))
                .isEqualTo(new TableName("My Schema", "order.lines"));
        assertThat(TableName.parse("public.\"say \"\"hi\"\"\""))
                .isEqualTo(new TableName("public", "say \"hi\""));
    }

    @Test
    void rejectsWhatIsNotOneTable() {
        assertThatThrownBy(() -> TableName.parse("a.b.c")).hasMessageContaining("SCHEMA.TABLE");
        assertThatThrownBy(() -> TableName.parse("\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> TableName.parse("public.")).hasMessageContaining("empty name");
        assertThatThrownBy(() -> TableName.parse("public.\"a,b\"")).hasMessageContaining("comma");
    }

    @Test
    void quotesEveryPartForSql() {
        assertThat(new TableName("My Schema", "say \"hi\"").sql())
                .isEqualTo("\"My Schema\".\"say \"\"hi\"\"\"");
        assertThat(TableName.parse("public.orders").sql()).isEqualTo("\"public\".\"orders\"");
    }

    @Test
    void snapshotSignalsNameTablesAsPatternsAndRefuseNamesDebeziumCannotReadBack() {
        assertThat(TableName.parse("public.orders").snapshotDataCollection())
                .isEqualTo("public.orders");
        assertThat(new TableName("Sales", "Orders(2)").snapshotDataCollection())
                .isEqualTo("Sales.Orders\\(2\\)");
        for (TableName name :
                new TableName[] {
                    new TableName("Odd schema", "t"),
                    new TableName("s", "order.lines"),
                    new TableName("s", "say \"hi\""),
                    new TableName("s", "it's"),
                    new TableName("s", "tab\tname")
                }) {
            assertThatThrownBy(name::snapshotDataCollection)
                    .as(name.sql())
                    .hasMessageContaining("Rename the table");
        }
    }

    @Test
    void debeziumPatternEscapesRegexCharactersAndMatchesOnlyItsTable() {
        TableName plain = TableName.parse("public.orders");
        TableName odd = new TableName("s", "order.lines(v2)+");

        assertThat(plain.debeziumPattern()).isEqualTo("public.orders");
        assertThat(odd.debeziumPattern()).isEqualTo("s.order\\.lines\\(v2\\)\\+");
        assertThat(odd.matchedBy(odd.debeziumPattern())).isTrue();
        assertThat(new TableName("s", "orderXlines(v2)+").matchedBy(odd.debeziumPattern()))
                .isFalse();
        assertThat(plain.matchedBy("public.orders")).isTrue();
        assertThat(plain.matchedBy("public.order")).isFalse();
        assertThat(plain.matchedBy("public\\..*")).isTrue();
    }
}
