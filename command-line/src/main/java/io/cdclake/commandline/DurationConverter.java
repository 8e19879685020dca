package io.cdclake.commandline;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration syntax of the command line: a whole number and a unit, {@code 500ms}, {@code
 * 90s}, {@code 2m}, {@code 1h} or {@code 1d}. A bare number is refused: its unit would be a guess.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    public static final String SYNTAX = "a whole number and a unit: 500ms, 90s, 2m, 1h or 1d";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,15})(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; give " + SYNTAX);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
