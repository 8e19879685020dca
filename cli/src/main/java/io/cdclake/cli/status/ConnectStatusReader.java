package io.cdclake.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads every connector's status from Kafka Connect's REST API in one request. */
final class ConnectStatusReader {

    private final RestClient rest;

    ConnectStatusReader(URI connectUrl) {
        this.rest = new RestClient(connectUrl);
    }

    URI url() {
        return rest.base();
    }

    List<ConnectorStatus> read() throws IOException, InterruptedException {
        JsonNode all = rest.get("connectors?expand=status");
        List<ConnectorStatus> connectors = new ArrayList<>();
        for (Iterator<String> names = all.fieldNames(); names.hasNext(); ) {
            connectors.add(ConnectorStatus.fromJson(all.get(names.next()).path("status")));
        }
        connectors.sort((a, b) -> a.name().compareTo(b.name()));
        return connectors;
    }
}
