package io.cdclake.loader.load;

import java.util.Optional;

/** A load that was stopped and rolled back; the table is as it was before. */
public final class LoadException extends Exception {

    private final transient BadRow badRow;

    public LoadException(BadRow badRow, Throwable cause) {
        super(badRow.toString(), cause);
        this.badRow = badRow;
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
        this.badRow = null;
    }

    /** The row that stopped the load, when one did. */
    public Optional<BadRow> badRow() {
        return Optional.ofNullable(badRow);
    }
}
