package io.cdclake.reader.replay;

/** The SQL engines the changelog replay is written for. */
public enum SqlDialect {
    /** DuckDB: what {@code verify} and {@code query} run, embedded. */
    DUCKDB,
    /** Spark SQL, for users who define the same views in their own Spark. */
    SPARK
}
