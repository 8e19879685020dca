package io.cdclake.connector.capture;

import io.cdclake.connector.ConnectorConfig;
import java.util.Arrays;

/** What capturing a table touches, as the connector's configuration names it. */
public record CaptureSettings(
        String connectorName,
        String publication,
        String slot,
        TableName signalTable,
        IncludeList includeList) {

    public static final String INCLUDE_LIST = "table.include.list";
    public static final String SIGNAL_DATA_COLLECTION = "signal.data.collection";
    public static final String SIGNAL_CHANNELS = "signal.enabled.channels";

    /**
     * @throws IllegalArgumentException when the connector has no signal table or does not read
     *     signals from it (the {@code source} channel): a snapshot could not be started
     */
    public static CaptureSettings of(ConnectorConfig connector) {
        String signal = connector.get(SIGNAL_DATA_COLLECTION);
        if (signal == null || signal.isBlank()) {
            throw new IllegalArgumentException(
                    "Connector "
                            + connector.name()
                            + " has no "
                            + SIGNAL_DATA_COLLECTION
                            + ": set it (and "
                            + SIGNAL_CHANNELS
                            + "=source) as in the bundled postgres-connector.json");
        }
        String channels = connector.config().getOrDefault(SIGNAL_CHANNELS, "source");
        if (Arrays.stream(channels.split(",")).map(String::strip).noneMatch("source"::equals)) {
            throw new IllegalArgumentException(
                    "Connector "
                            + connector.name()
                            + " does not read its signal table: "
                            + SIGNAL_CHANNELS
                            + "="
                            + channels
                            + " lacks \"source\"");
        }
        return new CaptureSettings(
                connector.name(),
                connector.config().getOrDefault("publication.name", "dbz_publication"),
                connector.config().getOrDefault("slot.name", "debezium"),
                TableName.parse(signal),
                IncludeList.parse(connector.get(INCLUDE_LIST)));
    }
}
