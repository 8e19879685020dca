package io.cdclake.cli;

import io.cdclake.commandline.NoPasswordOption;
import io.cdclake.loader.ConnectionSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --jdbc-url}, {@code --user} and where the password comes from: an environment variable
 * ({@code --password-env}, default PGPASSWORD as libpq does) or a properties file with a {@code
 * password} key ({@code --password-file}). Never the command line.
 */
public final class ConnectionOptions {

    public static final String DEFAULT_PASSWORD_ENV = "PGPASSWORD";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            required = true,
            description = "the database, e.g. jdbc:postgresql://localhost:5432/postgres")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "USER", description = "database user (default: $PGUSER)")
    String user;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description =
                    "environment variable holding the password (default: "
                            + DEFAULT_PASSWORD_ENV
                            + ", if set)")
    String passwordEnv;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "properties file with a 'password' key")
    Path passwordFile;

    @Mixin private NoPasswordOption noPassword;

    public ConnectionSettings settings(Map<String, String> env) {
        String resolvedUser = user != null ? user : env.get("PGUSER");
        if (resolvedUser == null) {
            throw usageError("--user is required (or set PGUSER)");
        }
        String password = password(env);
        try {
            return new ConnectionSettings(jdbcUrl, resolvedUser, password);
        } catch (IllegalArgumentException e) {
            throw usageError("--jdbc-url: " + e.getMessage());
        }
    }

    private String password(Map<String, String> env) {
        if (passwordFile != null && passwordEnv != null) {
            throw usageError("give --password-env or --password-file, not both");
        }
        if (passwordFile != null) {
            return fromFile(passwordFile);
        }
        if (passwordEnv != null) {
            String value = env.get(passwordEnv);
            if (value == null) {
                throw usageError(
                        "environment variable " + passwordEnv + " (--password-env) is not set");
            }
            return value;
        }
        return env.get(DEFAULT_PASSWORD_ENV);
    }

    private String fromFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw usageError(
                    "cannot read --password-file " + file.getFileName() + ": " + e.getMessage());
        }
        String password = properties.getProperty("password");
        if (password == null) {
            throw usageError(
                    "--password-file " + file.getFileName() + " has no 'password' property");
        }
        return password;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
