package io.cdclake.loader.changes;

import java.util.Locale;

/** The kinds of row change the generator makes. */
public enum Operation {
    INSERT,
    UPDATE,
    DELETE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
