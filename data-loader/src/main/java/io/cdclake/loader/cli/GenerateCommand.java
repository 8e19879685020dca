package io.cdclake.loader.cli;

import io.cdclake.loader.generate.TitanicGenerator;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code generate}: titanic-shaped passengers as CSV, to a file or standard output; no database needed. */
public final class GenerateCommand implements Command {

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String usage() {
        return """
                generate --rows N [--seed S] [--output FILE]
                  Writes N titanic-shaped passengers (PassengerId 1..N) as CSV with a header, to FILE or standard
                  output. The same --seed (default 42) always gives the same rows.""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("rows", "seed", "output");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Args args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        long rows = LoadCommand.positive(args.longValue("rows", 0), "--rows");
        if (rows > Integer.MAX_VALUE) {
            throw new UsageException("--rows can be at most " + Integer.MAX_VALUE + " (PassengerId is an integer)");
        }
        TitanicGenerator generator = new TitanicGenerator(args.longValue("seed", LoadCommand.DEFAULT_SEED));
        if (args.has("output")) {
            try (Writer writer = Files.newBufferedWriter(Path.of(args.required("output")), StandardCharsets.UTF_8)) {
                generator.writeCsv(writer, 1, rows, true);
            }
            return 0;
        }
        // Standard output belongs to the caller: flush, do not close.
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        generator.writeCsv(writer, 1, rows, true);
        writer.flush();
        return 0;
    }
}
