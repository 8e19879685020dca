package io.cdclake.loader.load;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns an error PostgreSQL raised during COPY into one that names the CSV line and column. */
final class CopyErrors {

    /** PostgreSQL's context line, e.g. {@code COPY customers, line 17, column Age: "x"}. */
    private static final Pattern WHERE =
            Pattern.compile("COPY .*?, line (\\d+)(?:, column ([^:\\n]+))?");

    private CopyErrors() {}

    /** The server error inside {@code failure}, or {@code null} when it is not one. */
    static PSQLException serverError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return p;
            }
        }
        return null;
    }

    static LoadException describe(SQLException error, LineMap lines) {
        ServerErrorMessage server =
                error instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return new LoadException("PostgreSQL rejected the load: " + error.getMessage(), error);
        }
        String reason =
                server.getMessage()
                        + (server.getDetail() == null ? "" : " (" + server.getDetail() + ")");
        Matcher m = server.getWhere() == null ? null : WHERE.matcher(server.getWhere());
        if (m == null || !m.find()) {
            return new LoadException("PostgreSQL rejected the load: " + reason, error);
        }
        long fileLine = lines.fileLine(Long.parseLong(m.group(1)));
        if (fileLine < 0) {
            return new LoadException("PostgreSQL rejected the load: " + reason, error);
        }
        return new LoadException(new BadRow(fileLine, m.group(2), reason), error);
    }
}
