package io.cdclake.reader.verify;

import static io.cdclake.reader.verify.Records.column;
import static io.cdclake.reader.verify.Records.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.TableMetadata;
import io.cdclake.reader.verify.ColumnType.Kind;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison of a replayed lake with database rows, on hand-built rows. */
class LakeVerifierTest {

    private static final List<LakeRecord> LAKE =
            List.of(
                    row(
                            "r",
                            "after",
                            100,
                            0,
                            "id",
                            1L,
                            "name",
                            "a",
                            "price",
                            new BigDecimal("1.000000000000000000")),
                    row(
                            "r",
                            "after",
                            100,
                            1,
                            "id",
                            2L,
                            "name",
                            "b",
                            "price",
                            new BigDecimal("2.50")),
                    row("r", "after", 100, 2, "id", 3L, "name", "c", "price", null),
                    row(
                            "u",
                            "after",
                            200,
                            3,
                            "id",
                            2L,
                            "name",
                            "b2",
                            "price",
                            new BigDecimal("2.75")));

    @TempDir Path dir;

    private VerifyReport compare(List<LakeRecord> lake, List<Object[]> database) throws Exception {
        return verify(Records.items(), "file:///lake", 1, lake, database, "0/16B3748", 5);
    }

    /** The report for hand-built lake rows, replayed through the replay's SQL from Parquet. */
    private VerifyReport verify(
            DatabaseTable table,
            String lakeRoot,
            int files,
            List<LakeRecord> lake,
            List<Object[]> database,
            String databaseLsn,
            int maxExamples)
            throws Exception {
        return verify(table, lakeRoot, files, lake, database, databaseLsn, maxExamples, null, null);
    }

    private VerifyReport verify(
            DatabaseTable table,
            String lakeRoot,
            int files,
            List<LakeRecord> lake,
            List<Object[]> database,
            String databaseLsn,
            int maxExamples,
            VerifyReport.CsvCheck csv,
            VerifyReport.Leftovers leftovers)
            throws Exception {
        Path filesDir = Files.createTempDirectory(dir, "lake");
        return LakeVerifier.compare(
                table,
                lakeRoot,
                files,
                lake,
                ReplayedRecords.state(filesDir, table, lake),
                database,
                databaseLsn,
                maxExamples,
                csv,
                leftovers);
    }

    @Test
    void aLakeThatReplaysToTheTableMatches() throws Exception {
        VerifyReport report =
                compare(
                        LAKE,
                        Records.rows(
                                new Object[] {1L, "a", new BigDecimal("1")},
                                new Object[] {2L, "b2", new BigDecimal("2.75")},
                                new Object[] {3L, "c", null}));
        assertThat(report.matches()).isTrue();
        assertThat(report.lakeRows()).isEqualTo(3);
        assertThat(report.databaseRows()).isEqualTo(3);
        assertThat(report.lakeRowsByOp())
                .containsExactly(
                        Map.entry("r", 3L),
                        Map.entry("c", 0L),
                        Map.entry("u", 1L),
                        Map.entry("d", 0L),
                        Map.entry("t", 0L));
        assertThat(report.lakeLastLsn()).isEqualTo(200);
        assertThat(report.keyColumns()).containsExactly("id");
        assertThat(report.render())
                .contains("OK: the lake matches the database (3 rows)")
                .doesNotContain("MISMATCH");
    }

    @Test
    void missingExtraAndDifferentRowsAreCountedWithExamples() throws Exception {
        VerifyReport report =
                compare(
                        LAKE,
                        Records.rows(
                                new Object[] {1L, "a", new BigDecimal("1.01")},
                                new Object[] {2L, "B2", new BigDecimal("2.70")},
                                new Object[] {4L, "d", null},
                                new Object[] {5L, "e", null}));
        assertThat(report.matches()).isFalse();
        assertThat(report.missingRows()).isEqualTo(2);
        assertThat(report.missingExamples()).containsExactly("id=4", "id=5");
        assertThat(report.extraRows()).isEqualTo(1);
        assertThat(report.extraExamples()).containsExactly("id=3");
        assertThat(report.differingRows()).isEqualTo(2);
        assertThat(report.differingColumns())
                .containsExactly(Map.entry("price", 2L), Map.entry("name", 1L));
        assertThat(report.differenceExamples())
                .containsExactly(
                        new VerifyReport.ValueDifference("id=1", "price", "1", "1.01"),
                        new VerifyReport.ValueDifference("id=2", "name", "'b2'", "'B2'"),
                        new VerifyReport.ValueDifference("id=2", "price", "2.75", "2.7"));
        assertThat(report.render())
                .contains("missing from the lake:       2  e.g. id=4; id=5")
                .contains("extra in the lake:           1  e.g. id=3")
                .contains("rows with different values:  2  (price: 2, name: 1)")
                .contains("id=1  price: lake 1, database 1.01")
                .endsWith("MISMATCH: the lake does not match the database\n");
    }

    @Test
    void duplicatesFailTheVerificationEvenWhenTheStateMatches() throws Exception {
        List<LakeRecord> lake = new java.util.ArrayList<>(LAKE);
        lake.add(
                row(
                        "dt=2026-11-24/part-b-0.parquet",
                        "u",
                        "after",
                        200,
                        0,
                        9,
                        null,
                        "id",
                        2L,
                        "name",
                        "b2",
                        "price",
                        new BigDecimal("2.75")));
        VerifyReport report =
                compare(
                        lake,
                        Records.rows(
                                new Object[] {1L, "a", new BigDecimal("1")},
                                new Object[] {2L, "b2", new BigDecimal("2.75")},
                                new Object[] {3L, "c", null}));
        assertThat(report.missingRows() + report.extraRows() + report.differingRows()).isZero();
        assertThat(report.duplicateEvents()).isEqualTo(1);
        assertThat(report.matches()).isFalse();
        assertThat(report.duplicateExamples())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.lsn()).isEqualTo(200);
                            assertThat(d.key()).isEqualTo("id=2");
                            assertThat(d.image()).isEqualTo("after");
                            assertThat(d.op()).isEqualTo("u");
                            assertThat(d.copies()).isEqualTo(2);
                        });
        assertThat(report.render())
                .contains("duplicate change events:     1")
                .contains(
                        "LSN 0/C8 id=2 after (op u): 2 copies\n"
                                + "        postgres.public.items-0@3 in"
                                + " dt=2026-11-24/part-a-0.parquet\n"
                                + "        postgres.public.items-0@9 in"
                                + " dt=2026-11-24/part-b-0.parquet\n");
    }

    @Test
    void rowsThatCannotBeAppliedFailTheVerificationWithExamples() throws Exception {
        List<LakeRecord> lake = new java.util.ArrayList<>(LAKE);
        lake.add(row("x", "after", 300, 4, "id", 5L, "name", "e", "price", null));
        lake.add(row("d", "before", 400, 5, "id", 9L, "name", null, "price", null));
        VerifyReport report =
                compare(
                        lake,
                        Records.rows(
                                new Object[] {1L, "a", new BigDecimal("1")},
                                new Object[] {2L, "b2", new BigDecimal("2.75")},
                                new Object[] {3L, "c", null}));
        assertThat(
                        report.missingRows()
                                + report.extraRows()
                                + report.differingRows()
                                + report.duplicateEvents())
                .isZero();
        assertThat(report.invalidRows().count()).isEqualTo(1);
        assertThat(report.changesOfUnseenRows().count()).isEqualTo(1);
        assertThat(report.matches()).isFalse();
        assertThat(report.render())
                .contains(
                        "  unknown _op or _image:       1\n"
                            + "      postgres.public.items-0@4 after in"
                            + " dt=2026-11-24/part-a-0.parquet: unknown _op 'x' or _image 'after'"
                            + " for it\n")
                .contains(
                        "  changes of unseen rows:      1\n"
                                + "      id=9 (op d) postgres.public.items-0@5 before in"
                                + " dt=2026-11-24/part-a-0.parquet\n")
                .contains("  csv:      not checked\n")
                .endsWith("MISMATCH: the lake does not match the database\n");
    }

    @Test
    void csvDifferencesFailTheVerificationAndLeftoversOnlyWarn() throws Exception {
        List<Object[]> database =
                Records.rows(
                        new Object[] {1L, "a", new BigDecimal("1")},
                        new Object[] {2L, "b2", new BigDecimal("2.75")},
                        new Object[] {3L, "c", null});
        VerifyReport.Finding none = VerifyReport.Finding.none();
        VerifyReport.Leftovers leftovers =
                new VerifyReport.Leftovers(
                        java.time.Duration.ofHours(1),
                        new VerifyReport.Finding(
                                1,
                                List.of(
                                        "dt=2026-11-24/.part-a-1.csv.inprogress.u1 (last written"
                                                + " 2026-11-24T01:00:00Z)")),
                        2,
                        new VerifyReport.Finding(
                                1,
                                List.of(
                                        "parquet/public.items/dt=2026-11-24/part-a-2.parquet"
                                                + " (started 2026-11-24T01:00:00Z)")),
                        0,
                        null);
        VerifyReport.CsvCheck clean = new VerifyReport.CsvCheck(1, 4, none, none, none, none, none);
        VerifyReport ok =
                verify(Records.items(), "s3://lake", 1, LAKE, database, null, 5, clean, leftovers);
        assertThat(ok.matches()).isTrue();
        assertThat(ok.render())
                .contains("  csv:      1 file, 4 rows, compared with the Parquet rows\n")
                .contains(
                        "  warning: in-progress files:  1 older than 1h (and 2 younger, likely"
                                + " still being written)\n"
                                + "      dt=2026-11-24/.part-a-1.csv.inprogress.u1 (last written"
                                + " 2026-11-24T01:00:00Z)\n")
                .contains(
                        "  warning: incomplete uploads: 1 older than 1h\n"
                            + "      parquet/public.items/dt=2026-11-24/part-a-2.parquet (started"
                            + " 2026-11-24T01:00:00Z)\n")
                .endsWith("OK: the lake matches the database (3 rows)\n");

        VerifyReport.CsvCheck torn =
                new VerifyReport.CsvCheck(
                        1,
                        3,
                        new VerifyReport.Finding(
                                1,
                                List.of(
                                        "dt=2026-11-24/part-a-0.csv line 4: torn line: the file"
                                                + " ends before the line's CRLF")),
                        new VerifyReport.Finding(
                                1,
                                List.of(
                                        "postgres.public.items-0@3 after in"
                                                + " dt=2026-11-24/part-a-0.parquet")),
                        none,
                        none,
                        none);
        VerifyReport failed =
                verify(Records.items(), "s3://lake", 1, LAKE, database, null, 5, torn, leftovers);
        assertThat(failed.matches()).isFalse();
        assertThat(failed.render())
                .contains(
                        "  csv files not readable:      1\n"
                            + "      dt=2026-11-24/part-a-0.csv line 4: torn line: the file ends"
                            + " before the line's CRLF\n")
                .contains("  rows only in Parquet:        1\n")
                .endsWith("MISMATCH: the lake does not match the database\n");
    }

    @Test
    void columnsMissingFromOldFilesAreNullAndDroppedColumnsAreIgnored() throws Exception {
        DatabaseTable table =
                DatabaseTable.of(
                        Records.TABLE,
                        List.of(
                                column("id", Kind.INTEGER),
                                column("name", Kind.TEXT),
                                column("note", Kind.TEXT)),
                        List.of("id"));
        List<LakeRecord> lake =
                List.of(
                        // old files: a column 'legacy' since dropped, no 'note' yet
                        row(
                                "dt=2026-11-23/part-a-0.parquet",
                                "r",
                                "after",
                                100,
                                0,
                                0,
                                null,
                                "id",
                                1L,
                                "name",
                                "a",
                                "legacy",
                                5),
                        row(
                                "dt=2026-11-23/part-a-0.parquet",
                                "r",
                                "after",
                                100,
                                0,
                                1,
                                null,
                                "id",
                                2L,
                                "name",
                                "b",
                                "legacy",
                                6),
                        row(
                                "dt=2026-11-24/part-a-1.parquet",
                                "u",
                                "after",
                                300,
                                0,
                                2,
                                null,
                                "id",
                                2L,
                                "name",
                                "b",
                                "note",
                                "new"));
        VerifyReport report =
                verify(
                        table,
                        "file:///lake",
                        2,
                        lake,
                        Records.rows(new Object[] {1L, "a", null}, new Object[] {2L, "b", "new"}),
                        null,
                        5);
        assertThat(report.matches()).isTrue();
        assertThat(report.notes())
                .contains(
                        "columns in the lake that the table no longer has, ignored: legacy",
                        "column note is not in 1 of 2 files (written before it was added): null for"
                                + " their rows");

        VerifyReport different =
                verify(
                        table,
                        "file:///lake",
                        2,
                        lake,
                        Records.rows(
                                new Object[] {1L, "a", "default"}, new Object[] {2L, "b", "new"}),
                        null,
                        5);
        assertThat(different.differenceExamples())
                .containsExactly(
                        new VerifyReport.ValueDifference("id=1", "note", "NULL", "'default'"));
    }

    @Test
    void rowsWrittenBeforeAColumnWasAddedTakeItsRecordedDefault() throws Exception {
        DatabaseTable table =
                DatabaseTable.of(
                        Records.TABLE,
                        List.of(column("id", Kind.INTEGER), column("status", Kind.TEXT)),
                        List.of("id"));
        String oldFile = "dt=2026-11-23/part-a-0.parquet";
        String newFile = "dt=2026-11-24/part-a-1.parquet";
        List<LakeRecord> lake =
                List.of(
                        row(oldFile, "r", "after", 100, 0, 0, null, "id", 1L),
                        row(oldFile, "r", "after", 100, 0, 1, null, "id", 2L),
                        // ALTER TABLE items ADD COLUMN status text DEFAULT 'new'; one row changed
                        row(newFile, "u", "after", 300, 0, 2, null, "id", 2L, "status", "done"));
        Map<String, TableMetadata> metadata =
                Map.of(
                        "file:/lake/parquet/public.items/" + newFile,
                        new TableMetadata("v2", List.of("id"), Map.of("status", "new")));
        LakeState state =
                ReplayedRecords.state(
                        Files.createTempDirectory(dir, "lake"), table, lake, metadata);
        VerifyReport report =
                LakeVerifier.compare(
                        table,
                        "file:///lake",
                        2,
                        lake,
                        state,
                        Records.rows(new Object[] {1L, "new"}, new Object[] {2L, "done"}),
                        null,
                        5,
                        null,
                        null);
        assertThat(report.matches()).isTrue();
        assertThat(report.notes())
                .contains(
                        "column status is not in 1 of 2 files (written before it was added): 'new',"
                                + " its default when it was added, for their rows");
    }

    @Test
    void wholeRowKeysCompareAsMultisets() throws Exception {
        DatabaseTable log =
                DatabaseTable.of(
                        Records.TABLE,
                        List.of(column("a", Kind.INTEGER), column("b", Kind.TEXT)),
                        List.of());
        List<LakeRecord> lake =
                List.of(
                        row("c", "after", 100, 0, "a", 1, "b", "x"),
                        row("c", "after", 100, 1, "a", 1, "b", "x"),
                        row("c", "after", 110, 2, "a", 2, "b", "y"));
        VerifyReport same =
                verify(
                        log,
                        "file:///lake",
                        1,
                        lake,
                        Records.rows(
                                new Object[] {1, "x"},
                                new Object[] {2L, "y"},
                                new Object[] {1, "x"}),
                        null,
                        5);
        assertThat(same.matches()).isTrue();
        assertThat(same.keyOrigin()).isEqualTo("REPLICA IDENTITY FULL");

        VerifyReport different =
                verify(
                        log,
                        "file:///lake",
                        1,
                        lake,
                        Records.rows(new Object[] {1, "x"}, new Object[] {2L, "z"}),
                        null,
                        5);
        assertThat(different.missingRows()).isEqualTo(1);
        assertThat(different.missingExamples()).containsExactly("(a=2, b='z')");
        assertThat(different.extraRows()).isEqualTo(2);
        assertThat(different.extraExamples())
                .containsExactlyInAnyOrder("(a=1, b='x')", "(a=2, b='y')");
        assertThat(different.differingRows()).isZero();
    }

    @Test
    void lsnsPrintAsPostgresDoes() throws Exception {
        assertThat(VerifyReport.lsnText(0x16B3748L)).isEqualTo("0/16B3748");
        assertThat(VerifyReport.lsnText(0x1_0000_0001L)).isEqualTo("1/1");
    }
}
