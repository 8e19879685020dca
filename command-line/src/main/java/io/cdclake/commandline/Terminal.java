package io.cdclake.commandline;

import java.io.PrintStream;
import java.util.Map;

/**
 * Where a command prints and the environment it reads (passwords, default URLs), given to it so
 * that tests run commands in-process with their own streams and variables.
 */
public record Terminal(PrintStream out, PrintStream err, Map<String, String> env) {

    public static Terminal system() {
        return new Terminal(System.out, System.err, System.getenv());
    }
}
