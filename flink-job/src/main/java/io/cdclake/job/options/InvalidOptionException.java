package io.cdclake.job.options;

/** An option is missing, unknown or has a value the job cannot use; the message names it. */
public final class InvalidOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidOptionException(String key, String problem) {
        super("Option '" + key + "' " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
