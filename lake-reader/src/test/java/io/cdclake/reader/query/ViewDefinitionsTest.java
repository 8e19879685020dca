package io.cdclake.reader.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.TableId;
import io.cdclake.reader.replay.SqlDialect;
import org.junit.jupiter.api.Test;

class ViewDefinitionsTest {

    private static final TableId ODD = new TableId("sales dept", "order \"lines\".v`2");

    @Test
    void namesAreQuotedForEachEngine() {
        assertThat(ViewDefinitions.viewName(SqlDialect.DUCKDB, ODD, "__changes"))
                .isEqualTo("\"sales dept\".\"order \"\"lines\"\".v`2__changes\"");
        assertThat(ViewDefinitions.viewName(SqlDialect.SPARK, ODD, ""))
                .isEqualTo("`sales dept`.`order \"lines\".v``2`");
    }

    @Test
    void theNameAUserTypesIsQuotedOnlyWhereNeeded() {
        assertThat(ViewDefinitions.typedName(new TableId("public", "customers"), "__changes"))
                .isEqualTo("public.customers__changes");
        assertThat(ViewDefinitions.typedName(new TableId("public", "Customers"), ""))
                .isEqualTo("public.\"Customers\"");
        assertThat(ViewDefinitions.typedName(ODD, ""))
                .isEqualTo("\"sales dept\".\"order \"\"lines\"\".v`2\"");
    }
}
