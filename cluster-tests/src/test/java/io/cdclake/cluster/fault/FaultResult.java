package io.cdclake.cluster.fault;

/**
 * What one fault did to the lake.
 *
 * @param fault how the table names the fault
 * @param changes changes committed to {@code customers} during the step (the audit's count)
 * @param parquet the step's {@code customers} rows in the Parquet files
 * @param csv the step's {@code customers} rows in the CSV files
 * @param keylessParquet the step's rows of the keyless table in the Parquet files
 * @param keylessCsv the same in the CSV files
 * @param secondsToCatchUp from the fault until the lake held every change of the step in both
 *     formats; negative when it never did within the timeout
 * @param verify the last line of {@code verify} on each table of the step afterwards
 * @param verifyMatched whether {@code verify} reported a match for each
 */
record FaultResult(
        String fault,
        long changes,
        LakeCount parquet,
        LakeCount csv,
        LakeCount keylessParquet,
        LakeCount keylessCsv,
        double secondsToCatchUp,
        String verify,
        boolean verifyMatched) {

    /** No changes to {@code customers} during the step. */
    static final LakeCount NONE = new LakeCount(0, 0, 0, 0, 0);

    long lost() {
        return parquet.lost() + csv.lost() + keylessParquet.lost() + keylessCsv.lost();
    }

    long duplicated() {
        return parquet.duplicated()
                + csv.duplicated()
                + keylessParquet.duplicated()
                + keylessCsv.duplicated();
    }

    long writtenTwice() {
        return parquet.writtenTwice()
                + csv.writtenTwice()
                + keylessParquet.writtenTwice()
                + keylessCsv.writtenTwice();
    }

    long unexplained() {
        return parquet.unexplained()
                + csv.unexplained()
                + keylessParquet.unexplained()
                + keylessCsv.unexplained();
    }

    /** Lost rows in one format, {@code customers} and the keyless table together. */
    long lostParquet() {
        return parquet.lost() + keylessParquet.lost();
    }

    long lostCsv() {
        return csv.lost() + keylessCsv.lost();
    }

    long duplicatedParquet() {
        return parquet.duplicated() + keylessParquet.duplicated();
    }

    long duplicatedCsv() {
        return csv.duplicated() + keylessCsv.duplicated();
    }
}
