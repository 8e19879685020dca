package io.cdclake.commandline;

/** The exit codes of every {@code ./cdc-lake} command, the same for all of them. */
public final class ExitCodes {

    /** Done: the lake matches, the connector runs, the rows are loaded. */
    public static final int OK = 0;

    /**
     * The command ran and failed, or found what it checks for: differences, a stopped task, a
     * refused load.
     */
    public static final int FAILURE = 1;

    /** The command line is wrong; nothing was done. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
