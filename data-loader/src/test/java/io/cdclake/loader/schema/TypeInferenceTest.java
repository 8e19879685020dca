package io.cdclake.loader.schema;

import static io.cdclake.loader.schema.ColumnType.BIGINT;
import static io.cdclake.loader.schema.ColumnType.BOOLEAN;
import static io.cdclake.loader.schema.ColumnType.DATE;
import static io.cdclake.loader.schema.ColumnType.DOUBLE;
import static io.cdclake.loader.schema.ColumnType.INTEGER;
import static io.cdclake.loader.schema.ColumnType.NUMERIC;
import static io.cdclake.loader.schema.ColumnType.TEXT;
import static io.cdclake.loader.schema.ColumnType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.loader.csv.CsvReader;
import io.cdclake.loader.csv.CsvRecord;
import io.cdclake.loader.generate.TitanicSchema;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeInferenceTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|INTEGER",
                "-17|INTEGER",
                "2147483647|INTEGER",
                "2147483648|BIGINT",
                "-9223372036854775808|BIGINT",
                "9223372036854775808|NUMERIC",
                "7.25|NUMERIC",
                "-0.42|NUMERIC",
                ".5|NUMERIC",
                "1e5|DOUBLE",
                "2.5E-3|DOUBLE",
                "NaN|DOUBLE",
                "true|BOOLEAN",
                "FALSE|BOOLEAN",
                "2024-02-29|DATE",
                "2023-02-29|TEXT",
                "2024-01-31 12:30:00|TIMESTAMP",
                "2024-01-31T12:30:00.123456|TIMESTAMP",
                "2024-01-31T25:00:00|TEXT",
                "02134|TEXT",
                "007.5|TEXT",
                "A/5 21171|TEXT",
                "male|TEXT",
                "1.2.3|TEXT",
                "--1|TEXT",
                "yes|TEXT"
            })
    void eachValueVotesForTheNarrowestKind(String value, ColumnType expected) {
        assertThat(TypeInference.kindOf(value)).isEqualTo(expected);
    }

    @Test
    void votesWidenAndNullsDoNotVote() {
        TypeInference inference = new TypeInference(7);
        inference.observe(Arrays.asList("1", "1", "2024-01-01", "", "x", "true", "1"));
        inference.observe(
                Arrays.asList(
                        "2.5", "99999999999", "2024-01-01 10:00:00", "", "2", "false", "1e3"));
        inference.observe(Arrays.asList("", "", "", "", "", "1", ""));

        assertThat(inference.types())
                .containsExactly(NUMERIC, BIGINT, TIMESTAMP, TEXT, TEXT, TEXT, DOUBLE);
    }

    @Test
    void unrelatedKindsFallBackToText() {
        assertThat(TypeInference.widen(DATE, INTEGER)).isEqualTo(TEXT);
        assertThat(TypeInference.widen(BOOLEAN, INTEGER)).isEqualTo(TEXT);
        assertThat(TypeInference.widen(INTEGER, DOUBLE)).isEqualTo(DOUBLE);
        assertThat(TypeInference.widen(DATE, TIMESTAMP)).isEqualTo(TIMESTAMP);
    }

    @Test
    void theBundledTitanicFileInfersTheTitanicSchema() throws Exception {
        TypeInference inference = new TypeInference(12);
        try (CsvReader reader =
                new CsvReader(
                        new InputStreamReader(
                                getClass().getResourceAsStream(TitanicSchema.SAMPLE_RESOURCE),
                                StandardCharsets.UTF_8))) {
            assertThat(reader.next().fields()).isEqualTo(TitanicSchema.COLUMN_NAMES);
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                inference.observe(r.fields());
            }
        }
        List<ColumnType> expected = TitanicSchema.COLUMNS.stream().map(Column::kind).toList();
        assertThat(inference.types()).isEqualTo(expected);
    }
}
