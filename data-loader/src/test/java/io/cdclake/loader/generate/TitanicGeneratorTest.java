package io.cdclake.loader.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cdclake.loader.csv.CsvReader;
import io.cdclake.loader.csv.CsvRecord;
import io.cdclake.loader.schema.Column;
import io.cdclake.loader.schema.TypeInference;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TitanicGeneratorTest {

    private static final int ROWS = 50_000;

    private static String csv(long seed, int firstId, int rows) throws Exception {
        StringWriter out = new StringWriter();
        new TitanicGenerator(seed).writeCsv(out, firstId, rows, true);
        return out.toString();
    }

    @Test
    void sameSeedSameRowsDifferentSeedDifferentRows() throws Exception {
        assertThat(csv(7, 1, 2000)).isEqualTo(csv(7, 1, 2000));
        assertThat(csv(7, 1, 2000)).isNotEqualTo(csv(8, 1, 2000));
    }

    @Test
    void aRowDependsOnlyOnSeedAndId() throws Exception {
        TitanicGenerator generator = new TitanicGenerator(7);
        String all = csv(7, 1, 1000);
        String tail = csv(7, 501, 500);

        assertThat(all).endsWith(tail.substring(tail.indexOf('\n') + 1));
        assertThat(generator.row(733)).isEqualTo(new TitanicGenerator(7).row(733));
        assertThat(generator.row(733)).isNotEqualTo(generator.row(734));
    }

    @Test
    void neighbouringRowsAreNotShiftedCopiesOfEachOther() {
        TitanicGenerator generator = new TitanicGenerator(0);
        int sameName = 0;
        for (int id = 1; id < 2000; id++) {
            if (generator.row(id).name().equals(generator.row(id + 1).name())) {
                sameName++;
            }
        }
        assertThat(sameName).isLessThan(5);
    }

    @Test
    void csvParsesBackIntoTwelveFieldsAndInfersTheTitanicSchema() throws Exception {
        TypeInference inference = new TypeInference(12);
        int rows = 0;
        try (CsvReader reader = new CsvReader(new StringReader(csv(3, 1, 10_000)))) {
            assertThat(reader.next().fields()).isEqualTo(TitanicSchema.COLUMN_NAMES);
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                assertThat(r.size()).isEqualTo(12);
                assertThat(r.get(0)).isEqualTo(Integer.toString(rows + 1));
                inference.observe(r.fields());
                rows++;
            }
        }
        assertThat(rows).isEqualTo(10_000);
        assertThat(inference.types())
                .isEqualTo(TitanicSchema.COLUMNS.stream().map(Column::kind).toList());
    }

    @Test
    void valuesAreDistributedLikeThePassengerList() {
        TitanicGenerator generator = new TitanicGenerator(11);
        Map<String, Integer> embarked = new HashMap<>();
        int male = 0, ageMissing = 0, cabinMissing = 0, firstClass = 0, survived = 0, nicknames = 0;
        for (int id = 1; id <= ROWS; id++) {
            TitanicRow row = generator.row(id);
            male += row.sex().equals("male") ? 1 : 0;
            ageMissing += row.age() == null ? 1 : 0;
            cabinMissing += row.cabin() == null ? 1 : 0;
            firstClass += row.pclass() == 1 ? 1 : 0;
            survived += row.survived();
            nicknames += row.name().contains("\"") ? 1 : 0;
            embarked.merge(String.valueOf(row.embarked()), 1, Integer::sum);
            assertThat(row.fare()).matches("\\d+\\.\\d{4}");
            assertThat(row.name()).matches("[^,]+, (Mr|Mrs|Miss|Master|Dr|Rev|Col|Major)\\. .+");
            if (row.age() != null) {
                assertThat(Double.parseDouble(row.age())).isBetween(0.42, 80.0);
            }
            assertThat(row.sex().equals("male") || !row.name().contains("Master.")).isTrue();
        }
        assertThat(share(male)).isCloseTo(0.65, within(0.03));
        assertThat(share(ageMissing)).isCloseTo(0.20, within(0.03));
        assertThat(share(cabinMissing)).isCloseTo(0.77, within(0.03));
        assertThat(share(firstClass)).isCloseTo(0.24, within(0.02));
        assertThat(share(survived)).isCloseTo(0.38, within(0.04));
        assertThat(share(embarked.get("S"))).isCloseTo(0.72, within(0.03));
        assertThat(share(embarked.get("C"))).isCloseTo(0.19, within(0.03));
        assertThat(share(embarked.get("Q"))).isCloseTo(0.09, within(0.02));
        assertThat(embarked.get("null")).isBetween(1, ROWS / 100);
        assertThat(nicknames).isBetween(ROWS / 200, ROWS / 30);
    }

    @Test
    void fareFormattingKeepsFourDecimals() {
        Predicate<String> fourDecimals = s -> s.matches("\\d+\\.\\d{4}");
        TitanicGenerator generator = new TitanicGenerator(5);
        long withTrailingZero = 0;
        for (int id = 1; id <= 5000; id++) {
            String fare = generator.row(id).fare();
            assertThat(fourDecimals).accepts(fare);
            withTrailingZero += fare.endsWith("0") ? 1 : 0;
        }
        assertThat(withTrailingZero).isPositive();
    }

    private static double share(int count) {
        return (double) count / ROWS;
    }
}
