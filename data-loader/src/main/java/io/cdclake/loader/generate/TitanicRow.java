package io.cdclake.loader.generate;

/**
 * One passenger. Decimal columns are kept as the text that goes into the CSV so a row compares
 * equal to what PostgreSQL stores; {@code null} is NULL.
 */
public record TitanicRow(
        int passengerId,
        int survived,
        int pclass,
        String name,
        String sex,
        String age,
        int sibSp,
        int parch,
        String ticket,
        String fare,
        String cabin,
        String embarked) {

    /** Values in {@link TitanicSchema#COLUMNS} order, as text. */
    public String[] values() {
        return new String[] {
            Integer.toString(passengerId),
            Integer.toString(survived),
            Integer.toString(pclass),
            name,
            sex,
            age,
            Integer.toString(sibSp),
            Integer.toString(parch),
            ticket,
            fare,
            cabin,
            embarked
        };
    }
}
