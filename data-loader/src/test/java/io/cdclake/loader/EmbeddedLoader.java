package io.cdclake.loader;

import io.cdclake.loader.load.LoadException;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.LoadResult;
import io.cdclake.loader.load.LoadSource;
import io.cdclake.postgres.PgTable;
import io.cdclake.stack.PostgresService;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The data loader against an embedded PostgreSQL, for the tests and benchmarks of the modules that
 * run the pipeline (shared through this module's test jar).
 */
public final class EmbeddedLoader {

    /** The table the pipeline tests capture. */
    public static final PgTable CUSTOMERS = PgTable.of("customers");

    private EmbeddedLoader() {}

    public static DataLoader of(PostgresService postgres) {
        return new DataLoader(
                new ConnectionSettings(postgres.jdbcUrl(), postgres.user(), postgres.password()));
    }

    /**
     * Generated passengers 1..{@code rows} (seed 11) in {@link #CUSTOMERS}, Fare as {@code
     * numeric(10,4)} and Age as {@code ageType}: a test that adds columns later needs room for the
     * larger values the change generator then makes.
     */
    public static LoadResult customers(PostgresService postgres, int rows, String ageType)
            throws LoadException, IOException, SQLException {
        return of(postgres)
                .load(
                        LoadSource.generated(rows, 11),
                        LoadOptions.into(CUSTOMERS)
                                .withType("Age", ageType)
                                .withType("Fare", "numeric(10,4)"));
    }
}
