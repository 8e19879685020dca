package io.cdclake.job.options;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.TextElement;

/** Renders {@link LakeOptions} as the Markdown table the README carries. */
public final class OptionsDocumentation {

    private OptionsDocumentation() {}

    public static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append("| option | default | description |\n");
        table.append("| --- | --- | --- |\n");
        for (ConfigOption<?> option : LakeOptions.ALL) {
            table.append("| `")
                    .append(option.key())
                    .append("` | ")
                    .append(defaultOf(option))
                    .append(" | ")
                    .append(describe(option).replace("|", "\\|"))
                    .append(" |\n");
        }
        table.append("| `")
                .append(LakeOptions.KAFKA_PROPERTIES_PREFIX)
                .append(
                        "*` | | Passed to the Kafka consumer without the prefix (security,"
                                + " timeouts). |\n");
        return table.toString();
    }

    private static String describe(ConfigOption<?> option) {
        return option.description().getBlocks().stream()
                .map(
                        block ->
                                block instanceof TextElement text
                                        ? text.getFormat()
                                        : block.toString())
                .collect(Collectors.joining(" "));
    }

    private static String defaultOf(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return option == LakeOptions.KAFKA_BOOTSTRAP_SERVERS ? "(required)" : "(none)";
        }
        Object value = option.defaultValue();
        String text;
        if (value instanceof List<?> list) {
            text = list.stream().map(String::valueOf).collect(Collectors.joining(";"));
        } else if (value instanceof java.time.Duration duration) {
            text = org.apache.flink.util.TimeUtils.formatWithHighestUnit(duration);
        } else {
            text = String.valueOf(value);
        }
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    public static void main(String[] args) {
        System.out.print(markdownTable());
    }
}
