package io.cdclake.connector.capture;

/** A table could not be captured, released or snapshotted; the message says why and what to do. */
public final class CaptureException extends RuntimeException {

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
