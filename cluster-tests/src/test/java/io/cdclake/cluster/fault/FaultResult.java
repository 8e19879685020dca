package io.cdclake.cluster.fault;

/**
 * What one fault did to the lake.
 *
 * @param changes changes committed in PostgreSQL during the step (the audit's count)
 * @param parquet the step's rows in the Parquet files
 * @param csv the step's rows in the CSV files
 * @param secondsToCatchUp from the fault until the lake held every change of the step in both
 *     formats; negative when it never did within the timeout
 * @param verify the last line of {@code verify} on the whole table afterwards
 * @param verifyMatched whether {@code verify} reported a match
 */
record FaultResult(
        Fault fault,
        long changes,
        LakeCount parquet,
        LakeCount csv,
        double secondsToCatchUp,
        String verify,
        boolean verifyMatched) {

    long lost() {
        return parquet.lost() + csv.lost();
    }

    long duplicated() {
        return parquet.duplicated() + csv.duplicated();
    }

    long writtenTwice() {
        return parquet.writtenTwice() + csv.writtenTwice();
    }

    long unexplained() {
        return parquet.unexplained() + csv.unexplained();
    }
}
