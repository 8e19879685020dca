package io.cdclake.loader.changes;

import java.util.Locale;

/** Relative weights of inserts, updates and deletes; they need not add up to 100. */
public record OperationMix(int insert, int update, int delete) {

    public static final OperationMix DEFAULT = new OperationMix(50, 40, 10);

    public OperationMix {
        if (insert < 0 || update < 0 || delete < 0 || insert + update + delete == 0) {
            throw new IllegalArgumentException("mix weights must be non-negative and not all zero");
        }
    }

    /** Parses {@code insert=50,update=40,delete=10}; operations left out get weight 0. */
    public static OperationMix parse(String text) {
        int[] weights = new int[3];
        boolean[] seen = new boolean[3];
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "mix part '"
                                + part.trim()
                                + "' is not op=weight, e.g. insert=50,update=40,delete=10");
            }
            Operation op;
            try {
                op = Operation.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown operation '"
                                + kv[0].trim()
                                + "' in mix; use insert, update and delete");
            }
            if (seen[op.ordinal()]) {
                throw new IllegalArgumentException(
                        "operation " + op.label() + " appears twice in the mix");
            }
            seen[op.ordinal()] = true;
            try {
                weights[op.ordinal()] = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "weight '"
                                + kv[1].trim()
                                + "' of "
                                + op.label()
                                + " is not a whole number");
            }
        }
        return new OperationMix(weights[0], weights[1], weights[2]);
    }

    /** The operation for a uniform draw {@code u} in [0, 1). */
    public Operation pick(double u) {
        double total = insert + update + delete;
        double x = u * total;
        if (x < insert) {
            return Operation.INSERT;
        }
        return x < insert + update ? Operation.UPDATE : Operation.DELETE;
    }

    @Override
    public String toString() {
        return "insert=" + insert + ",update=" + update + ",delete=" + delete;
    }
}
