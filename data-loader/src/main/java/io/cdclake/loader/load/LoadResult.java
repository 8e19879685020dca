package io.cdclake.loader.load;

import io.cdclake.loader.schema.Column;
import io.cdclake.loader.schema.TableSetup.PublicationChange;
import io.cdclake.postgres.PgTable;
import java.time.Duration;
import java.util.List;

/**
 * A committed load.
 *
 * @param badRowCount rows skipped because of {@link LoadOptions#skipBadRows()}
 * @param badRows the first few of them
 * @param publication what was done to the publication, {@code null} when none was asked for
 * @param warnings options that had no effect, e.g. a primary key for a table that already existed
 */
public record LoadResult(
        PgTable table,
        long rowsLoaded,
        long badRowCount,
        List<BadRow> badRows,
        boolean tableCreated,
        List<Column> columns,
        PublicationChange publication,
        List<String> warnings,
        Duration elapsed) {

    public LoadResult {
        badRows = List.copyOf(badRows);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
