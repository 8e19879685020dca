package io.cdclake.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalStackConfigProviderTest {

    private final LocalStackConfigProvider provider = new LocalStackConfigProvider();

    @AfterEach
    void clear() {
        LocalStackConfigProvider.remove("CDC_LAKE_TEST_VALUE");
    }

    @Test
    void resolvesPublishedValuesBeforeTheEnvironment() {
        Map.Entry<String, String> env = System.getenv().entrySet().iterator().next();
        LocalStackConfigProvider.put("CDC_LAKE_TEST_VALUE", "from-stack");

        Map<String, String> data =
                provider.get(
                                "",
                                Set.of(
                                        "CDC_LAKE_TEST_VALUE",
                                        env.getKey(),
                                        "CDC_LAKE_NOT_SET_ANYWHERE"))
                        .data();

        assertThat(data)
                .containsEntry("CDC_LAKE_TEST_VALUE", "from-stack")
                .containsEntry(env.getKey(), env.getValue())
                .doesNotContainKey("CDC_LAKE_NOT_SET_ANYWHERE");
    }

    @Test
    void publishedValuesShadowEnvironmentVariablesOfTheSameName() {
        String name = System.getenv().keySet().iterator().next();
        LocalStackConfigProvider.put(name, "shadowed");
        try {
            assertThat(provider.get("", Set.of(name)).data()).containsEntry(name, "shadowed");
        } finally {
            LocalStackConfigProvider.remove(name);
        }
        assertThat(provider.get("", Set.of(name)).data()).containsEntry(name, System.getenv(name));
    }

    @Test
    void aPathSelectsNothingLikeEnvVarConfigProvider() {
        LocalStackConfigProvider.put("CDC_LAKE_TEST_VALUE", "x");

        assertThat(provider.get("some/path", Set.of("CDC_LAKE_TEST_VALUE")).data()).isEmpty();
        assertThat(provider.get("").data()).containsEntry("CDC_LAKE_TEST_VALUE", "x");
    }
}
