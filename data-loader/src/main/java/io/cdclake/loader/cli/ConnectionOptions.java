package io.cdclake.loader.cli;

import io.cdclake.loader.ConnectionSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * {@code --jdbc-url}, {@code --user} and where the password comes from: an environment variable
 * ({@code --password-env}, default PGPASSWORD as libpq does) or a properties file with a
 * {@code password} key ({@code --password-file}). Never the command line.
 */
public final class ConnectionOptions {

    public static final Set<String> NAMES = Set.of("jdbc-url", "user", "password-env", "password-file");
    public static final String DEFAULT_PASSWORD_ENV = "PGPASSWORD";

    private ConnectionOptions() {}

    public static ConnectionSettings from(Args args, Map<String, String> env) throws UsageException {
        String url = args.required("jdbc-url");
        String user = args.value("user").or(() -> Optional.ofNullable(env.get("PGUSER")))
                .orElseThrow(() -> new UsageException("--user is required (or set PGUSER)"));
        String password = password(args, env);
        try {
            return new ConnectionSettings(url, user, password);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--jdbc-url: " + e.getMessage());
        }
    }

    private static String password(Args args, Map<String, String> env) throws UsageException {
        Optional<String> file = args.value("password-file");
        Optional<String> variable = args.value("password-env");
        if (file.isPresent() && variable.isPresent()) {
            throw new UsageException("give --password-env or --password-file, not both");
        }
        if (file.isPresent()) {
            return fromFile(Path.of(file.get()));
        }
        if (variable.isPresent()) {
            String value = env.get(variable.get());
            if (value == null) {
                throw new UsageException("environment variable " + variable.get() + " (--password-env) is not set");
            }
            return value;
        }
        return env.get(DEFAULT_PASSWORD_ENV);
    }

    private static String fromFile(Path file) throws UsageException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read --password-file " + file.getFileName() + ": " + e.getMessage());
        }
        String password = properties.getProperty("password");
        if (password == null) {
            throw new UsageException("--password-file " + file.getFileName() + " has no 'password' property");
        }
        return password;
    }
}
