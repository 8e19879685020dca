package io.cdclake.cli.status;

import io.cdclake.cli.ConnectUrlOption;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cdc-lake status}: the state of the connectors and their tasks (Kafka Connect's REST API)
 * and of the jobs (Flink's REST API), with the first line of any failure and what to do about it.
 * Exit codes: 0 everything runs, 1 something does not (or does not answer), 2 usage error.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Shows each connector, its tasks and the latest run of each Flink job with its state;"
                    + " for a failure the first line of the trace, its root cause and what to do.",
            "Exit code 0 when every connector, task and job is RUNNING, 1 otherwise."
        })
public final class StatusCommand implements Callable<Integer> {

    public static final String FLINK_URL_ENV = "CDC_LAKE_FLINK_URL";
    static final String DEFAULT_FLINK_URL = "http://localhost:8081";

    @Mixin private ConnectUrlOption connectUrl;

    @Option(
            names = "--flink-url",
            paramLabel = "URL",
            description =
                    "Flink REST API, the web UI's address (default: $"
                            + FLINK_URL_ENV
                            + " or "
                            + DEFAULT_FLINK_URL
                            + ")")
    private URI flinkUrl;

    private final Terminal terminal;

    public StatusCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        URI connect = connectUrl.url(terminal.env());
        URI flink =
                flinkUrl != null
                        ? flinkUrl
                        : URI.create(terminal.env().getOrDefault(FLINK_URL_ENV, DEFAULT_FLINK_URL));
        try {
            PipelineStatus status = PipelineStatus.read(connect, flink);
            terminal.out().print(status.render());
            return status.healthy() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminal.err().println("status: interrupted");
            return ExitCodes.FAILURE;
        }
    }
}
