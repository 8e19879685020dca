package io.cdclake.cli.status;

import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * {@code ./cdc-lake status}: the state of the connectors and their tasks (Kafka Connect's REST API)
 * and of the jobs (Flink's REST API), with the first line of any failure and what to do about it.
 * Exit codes: 0 everything runs, 1 something does not (or does not answer), 2 usage error.
 */
public final class StatusCommand {

    public static final String CONNECT_URL_ENV = "CDC_LAKE_CONNECT_URL";
    public static final String FLINK_URL_ENV = "CDC_LAKE_FLINK_URL";
    static final String DEFAULT_CONNECT_URL = "http://localhost:8083";
    static final String DEFAULT_FLINK_URL = "http://localhost:8081";

    static final String USAGE = String.join("\n",
            "usage: ./cdc-lake status [--connect-url URL] [--flink-url URL]",
            "  --connect-url URL   Kafka Connect REST API (default: $" + CONNECT_URL_ENV + " or " + DEFAULT_CONNECT_URL + ")",
            "  --flink-url URL     Flink REST API, the web UI's address (default: $" + FLINK_URL_ENV + " or " + DEFAULT_FLINK_URL + ")",
            "Exit code 0 when every connector, task and job is RUNNING, 1 otherwise.");

    private StatusCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        URI connectUrl = URI.create(env.getOrDefault(CONNECT_URL_ENV, DEFAULT_CONNECT_URL));
        URI flinkUrl = URI.create(env.getOrDefault(FLINK_URL_ENV, DEFAULT_FLINK_URL));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--connect-url", "--flink-url" -> {
                    if (i + 1 >= args.length) {
                        err.println("status: option " + args[i] + " needs a value");
                        err.println(USAGE);
                        return 2;
                    }
                    URI url = URI.create(args[i + 1]);
                    if (args[i].equals("--connect-url")) {
                        connectUrl = url;
                    } else {
                        flinkUrl = url;
                    }
                    i++;
                }
                default -> {
                    err.println("status: unknown option " + args[i]);
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        try {
            PipelineStatus status = PipelineStatus.read(connectUrl, flinkUrl);
            out.print(status.render());
            return status.healthy() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("status: interrupted");
            return 1;
        }
    }
}
