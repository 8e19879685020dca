package io.cdclake.loader.load;

import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.generate.TitanicSchema;
import java.nio.file.Path;
import java.util.Objects;

/** What a load reads: a CSV file, the bundled sample, or generated titanic-shaped passengers. */
public sealed interface LoadSource {

    /** A CSV file with a header line. */
    static LoadSource csv(Path file) {
        return new Csv(CsvSource.file(file));
    }

    /**
     * The bundled titanic.csv. A table created for it gets PassengerId as primary key unless the
     * options name another.
     */
    static LoadSource sample() {
        return new Sample();
    }

    /** Passengers 1..{@code rows} of {@code new TitanicGenerator(seed)}. */
    static LoadSource generated(int rows, long seed) {
        return new Generated(rows, seed);
    }

    /** CSV with a header line. */
    record Csv(CsvSource source) implements LoadSource {
        public Csv {
            Objects.requireNonNull(source, "source");
        }
    }

    /** The bundled sample, {@link TitanicSchema#SAMPLE_RESOURCE}. */
    record Sample() implements LoadSource {
        public CsvSource source() {
            return CsvSource.classpath(TitanicSchema.SAMPLE_RESOURCE);
        }
    }

    /** Generated passengers. */
    record Generated(int rows, long seed) implements LoadSource {
        public Generated {
            if (rows < 1) {
                throw new IllegalArgumentException("rows must be positive");
            }
        }
    }
}
