package io.cdclake.loader.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value}, {@code --name=value} and {@code --flag} options, checked against what a command knows. */
public final class Args {

    private final Map<String, List<String>> values;

    private Args(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Args parse(String[] args, Set<String> valued, Set<String> flags) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'; options start with --");
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            if (name.equals("password")) {
                throw new UsageException("passwords are not taken on the command line, where other users and shell "
                        + "history can see them; use --password-env VAR (default PGPASSWORD) or --password-file FILE");
            }
            String value;
            if (flags.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Args(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean flag(String name) {
        return has(name);
    }

    /** The option's value; giving a single-valued option twice is an error. */
    public Optional<String> value(String name) throws UsageException {
        List<String> given = values.get(name);
        if (given == null) {
            return Optional.empty();
        }
        if (given.size() > 1) {
            throw new UsageException("--" + name + " is given more than once");
        }
        return Optional.of(given.get(0));
    }

    public String required(String name) throws UsageException {
        return value(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
    }

    /** All values of a repeatable option, in order. */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    public long longValue(String name, long defaultValue) throws UsageException {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not '" + text.get() + "'");
        }
    }

    public double doubleValue(String name, double defaultValue) throws UsageException {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(text.get());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, not '" + text.get() + "'");
        }
    }

    /** {@code 90} (seconds), {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 {@code PT1M30S}. */
    public static Duration parseDuration(String text) throws UsageException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.isEmpty()) {
                throw new NumberFormatException("empty");
            }
            char unit = t.charAt(t.length() - 1);
            String number = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
            long amount = Long.parseLong(number);
            return switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new NumberFormatException(t);
                    }
                    yield Duration.ofSeconds(amount);
                }
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException("'" + text + "' is not a duration; use e.g. 90, 30s, 5m, 2h or 500ms");
        }
    }
}
