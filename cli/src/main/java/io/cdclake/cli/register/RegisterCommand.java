package io.cdclake.cli.register;

import io.cdclake.cli.ConnectUrlOption;
import io.cdclake.commandline.DurationConverter;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.connector.ConnectorRegistrationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code register}: registers the connector definition (the bundled one unless {@code --config})
 * and waits until it runs. Exit codes: 0 running, 1 registration failed, 2 usage error (including a
 * configuration file that cannot be read).
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description =
                "Registers the Debezium connector with Kafka Connect (an idempotent PUT"
                    + " /connectors/<name>/config) and waits until the connector and its tasks are"
                    + " RUNNING; prints the failure trace when they are not.")
public final class RegisterCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin ConnectUrlOption connect;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "connector JSON {\"name\":..,\"config\":{..}} (default: the bundled "
                            + ConnectorConfig.RESOURCE
                            + ")")
    Path configFile;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "the connector's name in Kafka Connect (default: the configuration's; a second"
                            + " source needs a name of its own)")
    String name;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "override one config key, repeatable (e.g. table.include.list=public.orders)")
    List<String> settings = new ArrayList<>();

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "2m",
            converter = DurationConverter.class,
            description =
                    "how long to wait for the connector and its tasks to be RUNNING (default:"
                            + " ${DEFAULT-VALUE})")
    Duration timeout;

    private final Terminal terminal;

    public RegisterCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        for (String setting : settings) {
            if (setting.indexOf('=') <= 0) {
                throw new ParameterException(
                        spec.commandLine(), "--set expects key=value, got: " + setting);
            }
        }
        URI url = connectUrl();
        try {
            ConnectorConfig connector =
                    configFile != null
                            ? ConnectorConfig.fromFile(configFile)
                            : ConnectorConfig.load();
            for (String setting : settings) {
                connector = connector.withSetting(setting);
            }
            if (name != null) {
                connector = connector.withName(name);
            }
            ConnectorRegistrar.Outcome outcome =
                    new ConnectorRegistrar(url).register(connector, timeout);
            terminal.out()
                    .println(
                            "Connector "
                                    + connector.name()
                                    + " "
                                    + outcome.name().toLowerCase(Locale.ROOT)
                                    + " and RUNNING at "
                                    + url);
            return ExitCodes.OK;
        } catch (IOException | IllegalArgumentException e) {
            terminal.err().println("Could not read the connector configuration: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ConnectorRegistrationException e) {
            terminal.err().println(e.getMessage());
            return ExitCodes.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminal.err().println("Interrupted");
            return ExitCodes.FAILURE;
        }
    }

    URI connectUrl() {
        return connect.url(terminal.env());
    }
}
