package io.cdclake.connector;

/**
 * Registration failed: Connect rejected the configuration, the connector or a task reached FAILED
 * (the message then carries Connect's stack trace), or it did not run in time.
 */
public final class ConnectorRegistrationException extends RuntimeException {

    public ConnectorRegistrationException(String message) {
        super(message);
    }

    public ConnectorRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
