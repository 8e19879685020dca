package io.cdclake.loader.generate;

import io.cdclake.loader.csv.CopyCsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;

/**
 * Makes up passengers shaped like the Titanic list: class, sex, age and fare depend on each other
 * roughly as in the real data, about a fifth of ages and most cabins are missing, embarkation is
 * mostly Southampton.
 *
 * <p>Each row is a pure function of (seed, PassengerId): the same seed gives the same rows however
 * many are asked for and in whatever order, which also lets the change generator make new
 * passengers that look like the loaded ones.
 */
public final class TitanicGenerator {

    private static final double[] MALE_SHARE = {0, 0.56, 0.59, 0.71};
    private static final double[] AGE_MISSING = {0, 0.14, 0.06, 0.25};
    private static final double[] ADULT_AGE_MEAN = {0, 39, 31, 26};
    private static final double[] ADULT_AGE_SD = {0, 13, 12, 10};
    private static final String[] INFANT_AGES = {"0.42", "0.67", "0.75", "0.83", "0.92"};
    private static final double[] FARE_MEDIAN = {0, 60, 15, 8.5};
    private static final double[] FARE_SPREAD = {0, 0.7, 0.45, 0.4};
    private static final double[] FARE_MIN = {0, 25.5, 10.5, 6.2375};
    private static final double[] FARE_MAX = {0, 512.3292, 73.5, 69.55};
    private static final double[] HAS_CABIN = {0, 0.81, 0.09, 0.025};
    private static final String[] DECKS_1 = {"A", "B", "B", "C", "C", "C", "D", "E"};
    private static final String[] DECKS_2 = {"D", "E", "F", "F"};
    private static final String[] DECKS_3 = {"E", "F", "G", "G"};

    /** Share of S and C by class; the rest is Q. */
    private static final double[][] EMBARKED = {{0, 0}, {0.59, 0.40}, {0.89, 0.09}, {0.72, 0.13}};

    private static final String[] RARE_TITLES = {"Dr", "Rev", "Col", "Major"};
    private static final String[] TICKET_PREFIXES_2 = {
        "C.A. ", "SC/PARIS ", "W./C. ", "S.O.C. ", "F.C.C. "
    };
    private static final String[] TICKET_PREFIXES_3 = {
        "A/5 ", "STON/O2. ", "SOTON/O.Q. ", "CA. ", "A/4 "
    };
    private static final double[][] SURVIVAL = {{0, 0}, {0.97, 0.37}, {0.92, 0.16}, {0.50, 0.14}};

    private final long seed;

    public TitanicGenerator(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public TitanicRow row(int passengerId) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, passengerId));
        double u = r.nextDouble();
        int pclass = u < 0.242 ? 1 : u < 0.448 ? 2 : 3;
        boolean male = r.nextDouble() < MALE_SHARE[pclass];
        String age = age(r, pclass);
        double years = age == null ? Double.NaN : Double.parseDouble(age);
        boolean child = years < 13;
        int parch = child ? 1 + (r.nextDouble() < 0.3 ? 1 : 0) : pick(r, PARCH, PARCH_WEIGHTS);
        int sibSp = pick(r, SIBSP, SIBSP_WEIGHTS);
        String name = name(r, male, years, child);
        double survival = SURVIVAL[pclass][male ? 1 : 0];
        if (child) {
            survival = Math.max(survival, 0.55);
        }
        int survived = r.nextDouble() < survival ? 1 : 0;
        return new TitanicRow(
                passengerId,
                survived,
                pclass,
                name,
                male ? "male" : "female",
                age,
                sibSp,
                parch,
                ticket(r, pclass),
                fare(r, pclass),
                cabin(r, pclass),
                embarked(r, pclass));
    }

    /** Writes rows {@code firstId .. firstId+count-1} as CSV in the bundled file's column order. */
    public void writeCsv(Writer out, int firstId, long count, boolean header) throws IOException {
        if (header) {
            out.write(String.join(",", TitanicSchema.COLUMN_NAMES));
            out.write('\n');
        }
        StringBuilder line = new StringBuilder(160);
        for (long i = 0; i < count; i++) {
            line.setLength(0);
            appendCsv(line, row(Math.toIntExact(firstId + i)));
            out.append(line);
        }
    }

    /** One CSV line with its newline; NULL is an empty field. */
    public static void appendCsv(StringBuilder out, TitanicRow row) {
        String[] values = row.values();
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (values[i] != null) {
                    CopyCsvWriter.writeValue(out, values[i]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        out.append('\n');
    }

    private static final int[] SIBSP = {0, 1, 2, 3, 4, 5, 8};
    private static final double[] SIBSP_WEIGHTS = {0.682, 0.235, 0.031, 0.018, 0.020, 0.006, 0.008};
    private static final int[] PARCH = {0, 1, 2, 3, 4, 5, 6};
    private static final double[] PARCH_WEIGHTS = {0.80, 0.11, 0.07, 0.006, 0.004, 0.008, 0.002};

    private static String age(SplittableRandom r, int pclass) {
        if (r.nextDouble() < AGE_MISSING[pclass]) {
            return null;
        }
        if (r.nextDouble() < 0.10) {
            return r.nextDouble() < 0.12
                    ? INFANT_AGES[r.nextInt(INFANT_AGES.length)]
                    : Integer.toString(1 + r.nextInt(12));
        }
        double years = ADULT_AGE_MEAN[pclass] + ADULT_AGE_SD[pclass] * r.nextGaussian();
        int whole = (int) Math.round(Math.max(14, Math.min(80, years)));
        // Ages the crew estimated were written as xx.5.
        return r.nextDouble() < 0.04 && whole < 80 ? whole + ".5" : Integer.toString(whole);
    }

    private static String name(SplittableRandom r, boolean male, double years, boolean child) {
        String surname = any(r, TitanicNames.SURNAMES);
        StringBuilder name = new StringBuilder(48).append(surname).append(", ");
        if (male) {
            String title = child ? "Master" : r.nextDouble() < 0.02 ? any(r, RARE_TITLES) : "Mr";
            name.append(title).append(". ").append(given(r, TitanicNames.MALE));
        } else {
            boolean married = !(years < 18) && r.nextDouble() < (Double.isNaN(years) ? 0.45 : 0.6);
            if (married) {
                name.append("Mrs. ").append(given(r, TitanicNames.MALE));
                if (r.nextDouble() < 0.7) {
                    name.append(" (")
                            .append(given(r, TitanicNames.FEMALE))
                            .append(' ')
                            .append(any(r, TitanicNames.SURNAMES))
                            .append(')');
                }
            } else {
                name.append("Miss. ").append(given(r, TitanicNames.FEMALE));
            }
        }
        if (r.nextDouble() < 0.015) {
            name.append(" (\"").append(any(r, TitanicNames.NICKNAMES)).append("\")");
        }
        return name.toString();
    }

    private static String given(SplittableRandom r, String[] names) {
        String first = any(r, names);
        return r.nextDouble() < 0.45 ? first + " " + any(r, names) : first;
    }

    private static String ticket(SplittableRandom r, int pclass) {
        double u = r.nextDouble();
        if (pclass == 1) {
            return u < 0.3
                    ? "PC " + (17000 + r.nextInt(800))
                    : Integer.toString(110000 + r.nextInt(4000));
        }
        if (pclass == 2) {
            if (u < 0.6) {
                return Integer.toString(220000 + r.nextInt(30000));
            }
            return any(r, TICKET_PREFIXES_2) + (1000 + r.nextInt(35000));
        }
        if (u < 0.65) {
            return Integer.toString(310000 + r.nextInt(60000));
        }
        String prefix = any(r, TICKET_PREFIXES_3);
        return prefix
                + (prefix.startsWith("S") ? 3100000 + r.nextInt(2000) : 1000 + r.nextInt(30000));
    }

    private static String fare(SplittableRandom r, int pclass) {
        if (r.nextDouble() < 0.015) {
            return "0.0000";
        }
        double fare = FARE_MEDIAN[pclass] * Math.exp(FARE_SPREAD[pclass] * r.nextGaussian());
        long units =
                Math.round(Math.max(FARE_MIN[pclass], Math.min(FARE_MAX[pclass], fare)) * 10_000);
        long fraction = units % 10_000;
        String digits = Long.toString(fraction);
        return units / 10_000 + "." + "0000".substring(digits.length()) + digits;
    }

    private static String cabin(SplittableRandom r, int pclass) {
        if (r.nextDouble() >= HAS_CABIN[pclass]) {
            return null;
        }
        String deck = any(r, pclass == 1 ? DECKS_1 : pclass == 2 ? DECKS_2 : DECKS_3);
        int number = 1 + r.nextInt(148);
        if (pclass == 1 && r.nextDouble() < 0.08) {
            int cabins = 2 + r.nextInt(3);
            StringBuilder suite = new StringBuilder();
            for (int i = 0; i < cabins; i++) {
                suite.append(i == 0 ? "" : " ").append(deck).append(number + 2 * i);
            }
            return suite.toString();
        }
        return deck + number;
    }

    private static String embarked(SplittableRandom r, int pclass) {
        double u = r.nextDouble();
        if (u < 0.002) {
            return null;
        }
        u = r.nextDouble();
        return u < EMBARKED[pclass][0]
                ? "S"
                : u < EMBARKED[pclass][0] + EMBARKED[pclass][1] ? "C" : "Q";
    }

    private static int pick(SplittableRandom r, int[] values, double[] weights) {
        double u = r.nextDouble();
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[0];
    }

    private static String any(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
