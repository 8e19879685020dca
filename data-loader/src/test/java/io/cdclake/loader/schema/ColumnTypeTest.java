package io.cdclake.loader.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.postgres.PgIdentifiers;
import io.cdclake.postgres.PgTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnTypeTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "integer|INTEGER",
                "INT4|INTEGER",
                "bigint|BIGINT",
                "smallint|SMALLINT",
                "numeric(10,2)|NUMERIC",
                "decimal|NUMERIC",
                "double precision|DOUBLE",
                "real|DOUBLE",
                "boolean|BOOLEAN",
                "date|DATE",
                "timestamp without time zone|TIMESTAMP",
                "timestamp(3) without time zone|TIMESTAMP",
                "text|TEXT",
                "character varying(20)|TEXT",
                "uuid|OTHER",
                "jsonb|OTHER",
                "integer[]|OTHER",
                "timestamp with time zone|OTHER"
            })
    void mapsPostgresTypeNames(String sql, ColumnType expected) {
        assertThat(ColumnType.fromSql(sql)).isEqualTo(expected);
    }

    @Test
    void problemsSayWhatIsWrong() {
        assertThat(ColumnType.INTEGER.problem("42")).isNull();
        assertThat(ColumnType.INTEGER.problem("4.2")).isEqualTo("'4.2' is not a valid integer");
        assertThat(ColumnType.INTEGER.problem("2147483648"))
                .isEqualTo("'2147483648' is not a valid integer");
        assertThat(ColumnType.SMALLINT.problem("40000")).isNotNull();
        assertThat(ColumnType.NUMERIC.problem("71.2833")).isNull();
        assertThat(ColumnType.NUMERIC.problem("1e3")).isNull();
        assertThat(ColumnType.NUMERIC.problem("abc")).isEqualTo("'abc' is not a valid numeric");
        assertThat(ColumnType.DOUBLE.problem("-Infinity")).isNull();
        assertThat(ColumnType.BOOLEAN.problem("yes")).isNull();
        assertThat(ColumnType.BOOLEAN.problem("maybe")).isNotNull();
        assertThat(ColumnType.DATE.problem("2021-02-30"))
                .isEqualTo("'2021-02-30' is not a valid date");
        assertThat(ColumnType.TIMESTAMP.problem("2021-02-03 04:05")).isNull();
        assertThat(ColumnType.TEXT.problem("anything, really")).isNull();
        assertThat(ColumnType.TEXT.problem("nul\0byte")).contains("NUL");
    }

    @Test
    void explicitTypesMustLookLikeTypes() {
        assertThat(Column.ofSql("Age", "numeric(5, 2)").kind()).isEqualTo(ColumnType.NUMERIC);
        assertThat(Column.ofSql("T", "character varying(20)").sqlType())
                .isEqualTo("character varying(20)");
        assertThatThrownBy(() -> Column.ofSql("Age", "int); DROP TABLE customers; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identifiersAreAlwaysQuoted() {
        assertThat(PgIdentifiers.quote("PassengerId")).isEqualTo("\"PassengerId\"");
        assertThat(PgIdentifiers.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
        // --table is read as psql reads it: unquoted folds to lower case, quoted keeps its case.
        assertThat(PgTable.parse("sales.Orders").sql()).isEqualTo("\"sales\".\"orders\"");
        assertThat(PgTable.parse("sales.\"Orders\"").sql()).isEqualTo("\"sales\".\"Orders\"");
        assertThat(PgTable.parse("customers").sql()).isEqualTo("\"public\".\"customers\"");
    }
}
