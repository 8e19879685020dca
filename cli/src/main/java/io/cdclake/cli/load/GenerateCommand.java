package io.cdclake.cli.load;

import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.loader.generate.TitanicGenerator;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: titanic-shaped passengers as CSV, to a file or standard output; no database
 * needed.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description =
                "Writes N titanic-shaped passengers (PassengerId 1..N) as CSV with a header, to"
                        + " FILE or standard output. The same --seed always gives the same rows.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--rows",
            paramLabel = "N",
            required = true,
            description = "how many passengers")
    private long rows;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "seed of the generator (default: ${DEFAULT-VALUE})")
    private long seed = LoadCommand.DEFAULT_SEED;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "write to this file (default: standard output)")
    private Path output;

    private final Terminal terminal;

    public GenerateCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        LoadCommand.positive(spec, rows, "--rows");
        if (rows > Integer.MAX_VALUE) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--rows can be at most " + Integer.MAX_VALUE + " (PassengerId is an integer)");
        }
        TitanicGenerator generator = new TitanicGenerator(seed);
        if (output != null) {
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                generator.writeCsv(writer, 1, rows, true);
            }
            return ExitCodes.OK;
        }
        // Standard output belongs to the caller: flush, do not close.
        Writer writer =
                new BufferedWriter(
                        new OutputStreamWriter(terminal.out(), StandardCharsets.UTF_8), 1 << 16);
        generator.writeCsv(writer, 1, rows, true);
        writer.flush();
        return ExitCodes.OK;
    }
}
