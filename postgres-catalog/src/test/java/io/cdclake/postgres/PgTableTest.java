package io.cdclake.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table names read as psql reads them, and written back into SQL. */
class PgTableTest {

    @ParameterizedTest(name = "{0} is {1}.{2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
                    Orders                  | public  | orders  | "public"."orders"
                    "Orders"                | public  | Orders  | "public"."Orders"
                    sales.orders            | sales   | orders  | "sales"."orders"
                    Sales."Order Lines"     | sales   | Order Lines | "sales"."Order Lines"
                    "we""ird"."na.me"       | we"ird  | na.me   | "we""ird"."na.me"
                    select                  | public  | select  | "public"."select"
                    '  customers  '         | public  | customers | "public"."customers"
                    """)
    void namesReadAsPsqlReadsThem(String text, String schema, String name, String sql) {
        String typed = text.startsWith("'") ? text.substring(1, text.length() - 1) : text;
        PgTable table = PgTable.parse(typed);
        assertThat(table).isEqualTo(new PgTable(schema, name));
        assertThat(table.sql()).isEqualTo(sql);
        assertThat(PgTable.parse(table.sql())).as("its SQL reads back as itself").isEqualTo(table);
    }

    @Test
    void asPsqlOnlyAsciiLettersFoldAndSpacesOutsideQuotesSeparate() {
        assertThat(PgTable.parse("Äpfel")).isEqualTo(new PgTable("public", "Äpfel"));
        assertThat(PgTable.parse("\"Sales\" . Orders")).isEqualTo(new PgTable("Sales", "orders"));
        assertThatThrownBy(() -> PgTable.parse("order lines"))
                .hasMessageContaining("double-quoted");
        assertThatThrownBy(() -> PgTable.parse("\"a\"b")).hasMessageContaining("after a quoted");
        assertThat(PgTable.parseAsTyped("Sales.Orders")).isEqualTo(new PgTable("Sales", "Orders"));
    }

    @Test
    void aNameWithoutASchemaIsInTheDefaultOne() {
        assertThat(PgTable.parse("t").schema()).isEqualTo(PgTable.DEFAULT_SCHEMA);
        assertThat(PgTable.of("Mixed Case")).isEqualTo(new PgTable("public", "Mixed Case"));
    }

    @Test
    void namesThatAreNotOneTableAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> PgTable.parse("a.b.c")).hasMessageContaining("SCHEMA.TABLE");
        assertThatThrownBy(() -> PgTable.parse("\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> PgTable.parse("a.")).hasMessageContaining("empty name");
        assertThatThrownBy(() -> PgTable.parse("")).hasMessageContaining("empty name");
    }

    @Test
    void identifiersAndLiteralsAreQuoted() {
        assertThat(PgIdentifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(PgIdentifiers.quoteLiteral("it's")).isEqualTo("'it''s'");
        assertThatThrownBy(() -> PgIdentifiers.quote(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
