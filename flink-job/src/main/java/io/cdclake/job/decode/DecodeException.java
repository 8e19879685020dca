package io.cdclake.job.decode;

/** A change event the job cannot turn into rows; its message is the dead letter's reason. */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public DecodeException(String reason) {
        super(reason);
    }

    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
