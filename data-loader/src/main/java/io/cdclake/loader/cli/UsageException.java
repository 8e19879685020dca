package io.cdclake.loader.cli;

/** The command line is wrong; the message says how, for the person who typed it. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
