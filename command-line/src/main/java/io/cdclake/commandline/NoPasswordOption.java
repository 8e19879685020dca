package io.cdclake.commandline;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * A hidden {@code --password} that always fails, saying where passwords go instead. Without it the
 * error for an unknown option would repeat the argument, and with it the password.
 */
public final class NoPasswordOption {

    @Option(
            names = "--password",
            hidden = true,
            converter = Refuse.class,
            description = "refused: passwords come from environment variables or files")
    private String password;

    static final class Refuse implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            throw new TypeConversionException(
                    "passwords are not taken on the command line, where other users and shell"
                        + " history can see them; use --password-env VAR (default PGPASSWORD) or"
                        + " --password-file FILE");
        }
    }
}
