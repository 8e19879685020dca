package io.cdclake.postgres;

/**
 * A column as the catalog describes it.
 *
 * @param name as stored
 * @param type {@code format_type(atttypid, atttypmod)}, e.g. {@code numeric(10,2)}
 * @param notNull declared {@code NOT NULL}
 */
public record PgColumn(String name, String type, boolean notNull) {}
