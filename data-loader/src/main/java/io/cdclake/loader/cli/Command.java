package io.cdclake.loader.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/** A subcommand of {@code LoaderCli}. */
public interface Command {

    String name();

    /** One paragraph: synopsis line, then the options. */
    String usage();

    Set<String> valuedOptions();

    Set<String> flagOptions();

    /** Runs with parsed options; returns the exit code. Exceptions other than usage ones mean failure. */
    int run(Args args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception;
}
