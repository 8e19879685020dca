package io.cdclake.reader.state;

import io.cdclake.format.LakePaths;
import io.cdclake.format.StateTables;
import io.cdclake.format.TableId;
import io.cdclake.reader.S3Access;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The Iceberg catalog of a lake's current-state tables: Iceberg's JDBC catalog in a PostgreSQL
 * database (the captured one, or any the user chooses), the tables' files in the lake, written and
 * read with the lake's own S3 client ({@link LakeFileIO}). Closed by the caller.
 */
public final class StateCatalog implements AutoCloseable {

    private final JdbcCatalog catalog;

    private StateCatalog(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Opens the catalog of {@code lakeRoot}.
     *
     * @param jdbcUrl the catalog database, {@code jdbc:postgresql://host:port/database}
     * @param user with {@code password} how to log in; the password may be null
     * @param s3 how to reach the lake's S3; null for a local lake or the SDK's defaults
     * @param create whether to create the catalog's tables in the database when missing: a
     *     compaction does, a reader does not write to the database
     */
    public static StateCatalog open(
            String jdbcUrl,
            String user,
            String password,
            String lakeRoot,
            S3Access s3,
            boolean create) {
        String root = lakeRoot.replaceAll("/+$", "");
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.URI, jdbcUrl);
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, root + "/" + LakePaths.STATE_FOLDER);
        properties.put("jdbc.user", user);
        if (password != null) {
            properties.put("jdbc.password", password);
        }
        properties.put("jdbc.schema-version", "V1");
        S3Access access = s3 == null ? S3Access.defaults() : s3;
        Path tempDir = Path.of(System.getProperty("java.io.tmpdir"), "cdc-lake-iceberg");
        JdbcCatalog catalog =
                new JdbcCatalog(props -> new LakeFileIO(access, tempDir), null, create);
        try {
            catalog.initialize(StateTables.CATALOG, properties);
        } catch (RuntimeException e) {
            closeQuietly(catalog, e);
            if (!create && missingCatalogTables(e)) {
                // Nothing was ever compacted into this database: no table has a state.
                return new StateCatalog(null);
            }
            throw e;
        }
        return new StateCatalog(catalog);
    }

    private static void closeQuietly(JdbcCatalog catalog, RuntimeException failure) {
        try {
            catalog.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The catalog's identifier of a table's current-state table. */
    public static TableIdentifier identifier(TableId table) {
        return TableIdentifier.of(
                Namespace.of(StateTables.namespace(table).toArray(String[]::new)),
                StateTables.name(table));
    }

    /**
     * The table's name as a user's engine names it with the catalog registered under the catalog's
     * name: {@code cdc_lake.postgres.public.customers}.
     */
    public static String qualifiedName(TableId table) {
        return StateTables.CATALOG + "." + identifier(table);
    }

    /** The current-state table of {@code table}, if one was compacted. */
    public Optional<Table> load(TableId table) {
        if (catalog == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(catalog.loadTable(identifier(table)));
        } catch (NoSuchTableException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            if (missingCatalogTables(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** No table was ever compacted into this database: the catalog's own tables are missing. */
    private static boolean missingCatalogTables(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "42P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    JdbcCatalog catalog() {
        return catalog;
    }

    @Override
    public void close() throws IOException {
        if (catalog != null) {
            catalog.close();
        }
    }
}
