package io.cdclake.loader.load;

import io.cdclake.loader.csv.CopyCsvWriter;
import io.cdclake.postgres.PgIdentifiers;
import io.cdclake.postgres.PgTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;

/** One {@code COPY ... FROM STDIN} in CSV format, fed row by row. */
public final class CopyStream {

    private static final int BUFFER = 1 << 16;

    private final CopyIn copyIn;
    private final BufferedWriter writer;
    private final CopyCsvWriter csv;

    private CopyStream(CopyIn copyIn) {
        this.copyIn = copyIn;
        this.writer =
                new BufferedWriter(
                        new OutputStreamWriter(
                                new PGCopyOutputStream(copyIn, BUFFER), StandardCharsets.UTF_8),
                        BUFFER);
        this.csv = new CopyCsvWriter(writer);
    }

    public static String sql(PgTable table, List<String> columns) {
        return "COPY "
                + table.sql()
                + " ("
                + columns.stream().map(PgIdentifiers::quote).collect(Collectors.joining(", "))
                + ")"
                + " FROM STDIN WITH (FORMAT csv, ENCODING 'UTF8')";
    }

    public static CopyStream open(Connection connection, PgTable table, List<String> columns)
            throws SQLException {
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        return new CopyStream(copyManager.copyIn(sql(table, columns)));
    }

    /** Writes one row; {@code null} is NULL. */
    public void write(String[] values) throws IOException {
        csv.write(values);
    }

    /** Ends the COPY and returns the number of rows PostgreSQL took. */
    public long finish() throws IOException, SQLException {
        writer.flush();
        return copyIn.endCopy();
    }

    /**
     * Abandons the COPY; errors are swallowed since the caller is already failing for a better
     * reason.
     */
    public void cancel() {
        try {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        } catch (SQLException ignored) {
            // The server has already aborted the COPY; the rollback that follows cleans up.
        }
    }
}
