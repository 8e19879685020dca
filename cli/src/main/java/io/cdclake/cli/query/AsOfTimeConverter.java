package io.cdclake.cli.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An instant in ISO-8601: {@code 2026-11-24T09:00:00Z}, with an offset ({@code +01:00}), or without
 * one (then UTC, the time zone of the lake's day folders); a date alone is its midnight UTC.
 */
public final class AsOfTimeConverter implements ITypeConverter<Instant> {

    public static final String SYNTAX =
            "an ISO-8601 time such as 2026-11-24T09:00:00Z, 2026-11-24T10:00:00+01:00 or"
                    + " 2026-11-24T09:00 (UTC)";

    @Override
    public Instant convert(String value) {
        return parse(value);
    }

    public static Instant parse(String value) {
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new TypeConversionException(
                            "'" + value + "' is not a time; give " + SYNTAX);
                }
            }
        }
    }
}
