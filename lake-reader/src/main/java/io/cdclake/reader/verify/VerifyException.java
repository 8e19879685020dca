package io.cdclake.reader.verify;

/** The table cannot be verified as asked: it does not exist, or nothing identifies its rows. */
public final class VerifyException extends Exception {

    private static final long serialVersionUID = 1L;

    public VerifyException(String message) {
        super(message);
    }
}
