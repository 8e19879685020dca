package io.cdclake.loader.changes;

import java.sql.SQLException;

/** A change run that failed part way; what was committed before the failure stays committed. */
public final class ChangeException extends SQLException {

    private final transient ChangeResult committed;

    public ChangeException(String message, ChangeResult committed, SQLException cause) {
        super(
                message + " (committed before the failure: " + committed + ")",
                cause.getSQLState(),
                cause);
        this.committed = committed;
    }

    public ChangeResult committed() {
        return committed;
    }
}
