package io.cdclake.cli;

import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.job.options.OptionsDocumentation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./cdc-lake options}: the Flink job's options, as the README's table. */
@Command(
        name = "options",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Prints the Flink job's options (name, default, description) as a Markdown table.")
final class OptionsCommand implements Callable<Integer> {

    private final Terminal terminal;

    OptionsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        terminal.out().print(OptionsDocumentation.markdownTable());
        terminal.out().flush();
        return ExitCodes.OK;
    }
}
