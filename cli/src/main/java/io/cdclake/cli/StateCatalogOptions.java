package io.cdclake.cli;

import io.cdclake.reader.S3Access;
import io.cdclake.reader.state.StateCatalog;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the lake's current-state tables are catalogued: Iceberg's JDBC catalog in a PostgreSQL
 * database ({@code --catalog-jdbc-url}, {@code --catalog-user}, the password from the environment
 * variable {@code --catalog-password-env} names, PGPASSWORD by default). The same options for
 * {@code compact}, which writes the tables, and {@code query}, which reads them.
 */
public final class StateCatalogOptions {

    @Option(
            names = "--catalog-jdbc-url",
            paramLabel = "URL",
            description =
                    "the database of the Iceberg JDBC catalog of the current-state tables, e.g."
                            + " the captured one: jdbc:postgresql://localhost:5432/postgres")
    private String jdbcUrl;

    @Option(
            names = "--catalog-user",
            paramLabel = "USER",
            description = "the catalog database's user (default postgres)")
    private String user = "postgres";

    @Option(
            names = "--catalog-password-env",
            paramLabel = "NAME",
            description =
                    "environment variable holding the catalog database's password (default"
                            + " PGPASSWORD, if set)")
    private String passwordEnv;

    /** Whether a catalog was given. */
    public boolean given() {
        return jdbcUrl != null;
    }

    /**
     * Opens the catalog of the lake at {@code lakeRoot}.
     *
     * @param create whether to create the catalog's own tables in the database when missing
     */
    public StateCatalog open(String lakeRoot, S3Access s3, Map<String, String> env, boolean create)
            throws LakeLocationOptions.UsageException {
        if (jdbcUrl == null) {
            throw new LakeLocationOptions.UsageException(
                    "give --catalog-jdbc-url: the database of the current-state tables' catalog");
        }
        String password = passwordEnv == null ? env.get("PGPASSWORD") : env.get(passwordEnv);
        if (passwordEnv != null && password == null) {
            throw new LakeLocationOptions.UsageException(
                    "environment variable " + passwordEnv + " (--catalog-password-env) is not set");
        }
        return StateCatalog.open(jdbcUrl, user, password, lakeRoot, s3, create);
    }
}
