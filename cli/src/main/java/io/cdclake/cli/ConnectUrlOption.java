package io.cdclake.cli;

import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --connect-url}, Kafka Connect's REST URL, for every command that talks to Kafka Connect:
 * the option, else a non-blank {@value #ENV}, else {@value #DEFAULT}.
 */
public final class ConnectUrlOption {

    public static final String ENV = "CDC_LAKE_CONNECT_URL";

    public static final String DEFAULT = "http://localhost:8083";

    @Option(
            names = "--connect-url",
            paramLabel = "URL",
            description = "Kafka Connect REST URL (default: $" + ENV + " or " + DEFAULT + ")")
    private URI given;

    /** The URL to use, with the environment {@code env} the command runs in. */
    public URI url(Map<String, String> env) {
        if (given != null) {
            return given;
        }
        String fromEnv = env.get(ENV);
        return URI.create(fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT);
    }
}
