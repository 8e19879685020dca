package io.cdclake.connector;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code register [--connect-url URL] [--config FILE] [--set key=value ...] [--timeout SECONDS]}:
 * registers the connector definition (the bundled one unless {@code --config}) and waits until it
 * runs. Exit codes: 0 running, 1 registration failed, 2 usage error.
 */
public final class RegisterCommand {

    public static final String DEFAULT_CONNECT_URL = "http://localhost:8083";
    /** Where the Connect REST API is when {@code --connect-url} is not given. */
    public static final String CONNECT_URL_ENV = "CDC_LAKE_CONNECT_URL";

    static final String USAGE = """
            usage: register [--connect-url URL] [--config FILE] [--set key=value ...] [--timeout SECONDS]
              --connect-url  Kafka Connect REST URL (default: $%s or %s)
              --config       connector JSON {"name":..,"config":{..}} (default: the bundled %s)
              --set          override one config key, repeatable (e.g. table.include.list=public.orders)
              --timeout      seconds to wait for the connector and its tasks to be RUNNING (default: 120)
            """.formatted(CONNECT_URL_ENV, DEFAULT_CONNECT_URL, ConnectorConfig.RESOURCE);

    private RegisterCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        try {
            ConnectorConfig connector = options.configFile != null
                    ? ConnectorConfig.fromFile(options.configFile)
                    : ConnectorConfig.load();
            for (String setting : options.settings) {
                connector = connector.withSetting(setting);
            }
            ConnectorRegistrar.Outcome outcome = new ConnectorRegistrar(options.connectUrl).register(connector, options.timeout);
            out.println("Connector " + connector.name() + " " + outcome.name().toLowerCase() + " and RUNNING at " + options.connectUrl);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Could not read the connector configuration: " + e.getMessage());
            return 2;
        } catch (ConnectorRegistrationException e) {
            err.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted");
            return 1;
        }
    }

    static final class Options {
        URI connectUrl;
        Path configFile;
        final List<String> settings = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(120);
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            String envUrl = System.getenv(CONNECT_URL_ENV);
            o.connectUrl = URI.create(envUrl != null && !envUrl.isBlank() ? envUrl : DEFAULT_CONNECT_URL);
            // ./cdc-lake passes the arguments after the command's name, this class's own main all of them.
            int i = args.length > 0 && args[0].equals("register") ? 1 : 0;
            for (; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--connect-url" -> o.connectUrl = URI.create(value(args, ++i, arg));
                    case "--config" -> o.configFile = Path.of(value(args, ++i, arg));
                    case "--set" -> {
                        String setting = value(args, ++i, arg);
                        if (setting.indexOf('=') <= 0) {
                            throw new IllegalArgumentException("--set expects key=value, got: " + setting);
                        }
                        o.settings.add(setting);
                    }
                    case "--timeout" -> {
                        try {
                            o.timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--timeout expects whole seconds");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            return o;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
