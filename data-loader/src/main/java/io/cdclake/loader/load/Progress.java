package io.cdclake.loader.load;

/** Whether to draw a progress bar on stderr. */
public enum Progress {
    /** Only when attached to a terminal, so logs and pipes stay clean. */
    AUTO,
    ALWAYS,
    NEVER;

    public boolean enabled() {
        return this == ALWAYS || this == AUTO && System.console() != null;
    }
}
