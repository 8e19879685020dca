package io.cdclake.connector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncludeListTest {

    private static final TableName ORDERS = TableName.parse("public.orders");
    private static final TableName CUSTOMERS = TableName.parse("public.customers");

    @Test
    void addingAppendsTheTablesOwnEntryOnce() {
        IncludeList list = IncludeList.parse("public.customers");

        IncludeList added = list.with(ORDERS);

        assertThat(added.toString()).isEqualTo("public.customers,public.orders");
        assertThat(added.with(ORDERS)).isEqualTo(added);
        assertThat(added.covers(ORDERS)).isTrue();
        assertThat(list.covers(ORDERS)).isFalse();
    }

    @Test
    void aPatternThatCoversTheTableAlreadyIsKept() {
        IncludeList list = IncludeList.parse("public\\..*");

        assertThat(list.with(ORDERS)).isEqualTo(list);
        assertThatThrownBy(() -> list.without(ORDERS)).hasMessageContaining("pattern");
    }

    @Test
    void removingDropsOnlyTheTablesEntries() {
        IncludeList list = IncludeList.parse(" public.customers , public.orders,s.order\\.lines ");

        assertThat(list.without(ORDERS).toString()).isEqualTo("public.customers,s.order\\.lines");
        assertThat(list.without(new TableName("s", "order.lines")).toString())
                .isEqualTo("public.customers,public.orders");
        assertThat(list.without(TableName.parse("public.other"))).isEqualTo(list);
    }

    @Test
    void theLastTableCannotBeRemovedBecauseAnEmptyListCapturesEverything() {
        assertThatThrownBy(() -> IncludeList.parse("public.customers").without(CUSTOMERS))
                .hasMessageContaining("every table");
    }

    @Test
    void literalEntriesNameOneTablePatternsDoNot() {
        assertThat(IncludeList.literal("public.orders")).contains(ORDERS);
        assertThat(IncludeList.literal("s.order\\.lines\\(v2\\)"))
                .contains(new TableName("s", "order.lines(v2)"));
        assertThat(IncludeList.literal("public.*")).isEqualTo(Optional.empty());
        assertThat(IncludeList.literal("public\\.\\w+")).isEmpty();
        assertThat(IncludeList.literal("orders")).isEmpty();
    }
}
