package io.cdclake.job.decode;

import io.cdclake.format.TableId;

/** What a Debezium topic name says about its table, for events too broken to say it themselves. */
final class TopicNames {

    private TopicNames() {}

    /**
     * {@code <prefix>.<schema>.<table>} gives the table of source {@code <prefix>} (the connector's
     * {@code topic.prefix} is its {@code source.name}); other names give null.
     */
    static TableId tableOf(String topic) {
        int last = topic.lastIndexOf('.');
        int previous = last > 0 ? topic.lastIndexOf('.', last - 1) : -1;
        if (previous <= 0 || last == topic.length() - 1) {
            return null;
        }
        return new TableId(
                topic.substring(0, previous),
                topic.substring(previous + 1, last),
                topic.substring(last + 1));
    }
}
