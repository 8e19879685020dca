package io.cdclake.reader.verify;

import io.cdclake.format.PostgresText;
import java.util.Locale;

/**
 * How the values of a PostgreSQL column compare: the kind decides the canonical form that both a
 * lake value and a JDBC value are brought to before they are compared.
 *
 * @param kind the comparison kind
 * @param sqlType the column's type as PostgreSQL prints it ({@code format_type}), for messages
 * @param element the element type of an array column, else null
 */
record ColumnType(Kind kind, String sqlType, ColumnType element) {

    enum Kind {
        BOOLEAN,
        INTEGER,
        FLOAT4,
        FLOAT8,
        NUMERIC,
        TEXT,
        UUID,
        JSON,
        HSTORE,
        BYTES,
        /**
         * {@code bit(n)}, {@code varbit}: Debezium's little-endian bytes, or a boolean for {@code
         * bit(1)}.
         */
        BIT,
        DATE,
        TIME,
        TIMETZ,
        TIMESTAMP,
        TIMESTAMPTZ,
        INTERVAL,
        /** {@code point}, {@code box}, {@code circle}, ...: PostgreSQL's text, numbers by value. */
        GEOMETRIC,
        /** {@code int4range}, {@code tstzrange}, ...: PostgreSQL's text, bounds by value. */
        RANGE,
        ARRAY,
        /** Anything else: compared as text. */
        OTHER
    }

    static ColumnType of(Kind kind) {
        return new ColumnType(kind, kind.name().toLowerCase(Locale.ROOT), null);
    }

    static ColumnType arrayOf(ColumnType element) {
        return new ColumnType(Kind.ARRAY, element.sqlType() + "[]", element);
    }

    /**
     * The kind of a PostgreSQL base type.
     *
     * @param typeName {@code pg_type.typname} of the column's type (of the base type for a domain)
     * @param typeType {@code pg_type.typtype}: {@code e} for an enum
     */
    static Kind kindOf(String typeName, String typeType) {
        if ("e".equals(typeType)) {
            return Kind.TEXT;
        }
        if (PostgresText.isGeometric(typeName)) {
            return Kind.GEOMETRIC;
        }
        switch (typeName) {
            case "bool":
                return Kind.BOOLEAN;
            case "int2":
            case "int4":
            case "int8":
            case "oid":
                return Kind.INTEGER;
            case "float4":
                return Kind.FLOAT4;
            case "float8":
                return Kind.FLOAT8;
            case "numeric":
            case "money":
                return Kind.NUMERIC;
            case "text":
            case "varchar":
            case "bpchar":
            case "char":
            case "name":
            case "citext":
            case "xml":
                return Kind.TEXT;
            case "uuid":
                return Kind.UUID;
            case "json":
            case "jsonb":
                return Kind.JSON;
            case "hstore":
                return Kind.HSTORE;
            case "bytea":
                return Kind.BYTES;
            case "bit":
            case "varbit":
                return Kind.BIT;
            case "date":
                return Kind.DATE;
            case "time":
                return Kind.TIME;
            case "timetz":
                return Kind.TIMETZ;
            case "timestamp":
                return Kind.TIMESTAMP;
            case "timestamptz":
                return Kind.TIMESTAMPTZ;
            case "interval":
                return Kind.INTERVAL;
            case "int4range":
            case "int8range":
            case "numrange":
            case "tsrange":
            case "tstzrange":
            case "daterange":
                return Kind.RANGE;
            default:
                return Kind.OTHER;
        }
    }
}
