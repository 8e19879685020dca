package io.cdclake.reader.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.TableId;
import io.cdclake.job.testing.DebeziumEvents;
import io.cdclake.job.testing.JobWrittenLake;
import io.cdclake.reader.LocalLakeStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV files of a lake against its Parquet files, both written by the job's own writers: equal
 * for every type the job writes, and each kind of damage found with the file and line.
 */
class CsvParquetComparisonTest {

    private static final TableId TABLE = new TableId("postgres", "public", "items");

    @TempDir Path temp;

    private JobWrittenLake lake;
    private Path parquetFile;
    private Path csvFile;

    private static Map<String, Object> item(long id, String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("small", (short) -3);
        row.put("qty", (int) id * 7);
        row.put("flag", id % 2 == 0);
        row.put("weight", 1.1f);
        row.put("score", -0.0d);
        row.put("name", name);
        row.put("price", new BigDecimal("-12345.60"));
        row.put("total", new BigDecimal("123456789012.345"));
        row.put("huge", new BigDecimal("-1234567890123456789012345.12345"));
        row.put("ratio", new BigDecimal("3.14159"));
        row.put("born", LocalDate.of(1912, 4, 15));
        row.put("alarm", LocalTime.of(6, 30));
        row.put("created", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000));
        row.put("updated", OffsetDateTime.of(2026, 11, 24, 10, 0, 0, 1000, ZoneOffset.ofHours(2)));
        row.put("payload", new byte[] {0, 1, (byte) 0xfe});
        row.put("doc", "{\"a\": [1, 2]}");
        row.put("tags", Arrays.asList("x, y", null, "\"z\"", ""));
        row.put("amounts", List.of(new BigDecimal("1.5"), new BigDecimal("-2.0")));
        return row;
    }

    @BeforeEach
    void writeLake() throws Exception {
        DebeziumEvents events = new DebeziumEvents("public", "items", DebeziumEvents.EVERY_KIND);
        lake = new JobWrittenLake(temp.resolve("lake"));
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(item(1, "Braund, Mr. \"Owen\" Harris"));
        rows.add(item(2, "two\r\nlines"));
        rows.add(item(3, ""));
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("id", 4L);
        rows.add(nulls);
        Map<String, Object> empty = item(5, "empty bytes");
        empty.put("payload", new byte[0]);
        rows.add(empty);
        var changes = new ArrayList<>(events.snapshot(rows));
        changes.add(events.update(item(2, "two\r\nlines"), item(2, "Ünïcödé")));
        parquetFile = lake.write(changes).get(0);
        csvFile = lake.csvOf(parquetFile);
    }

    private VerifyReport.CsvCheck compare() throws IOException {
        LakeTableReader reader = new LakeTableReader(lake.root(), TABLE);
        LakeCsvReader csv = new LakeCsvReader(new LocalLakeStore(), lake.root(), TABLE, ',');
        return LakeVerifier.compareCsv(
                reader.readParts(reader.files()), csv, csv.partFiles().committed(), 5);
    }

    private String csvName() {
        return "dt=2026-11-23/" + csvFile.getFileName();
    }

    @Test
    void everyTypeTheJobWritesIsTheSameInBothFormats() throws Exception {
        VerifyReport.CsvCheck check = compare();
        assertThat(check.files()).isEqualTo(1);
        assertThat(check.rows()).isEqualTo(7);
        assertThat(check.consistent()).as(check.toString()).isTrue();
    }

    @Test
    void aTornLineIsAProblemAtItsLineAndTheRowsAfterItAreMissing() throws Exception {
        // the last line lost its end, as a file cut short would
        JobWrittenLake.edit(csvFile, text -> text.substring(0, text.length() - 10));
        VerifyReport.CsvCheck check = compare();
        assertThat(check.consistent()).isFalse();
        assertThat(check.problems().count()).isEqualTo(1);
        // the header, five snapshot rows and the update's before image, two of them on two lines:
        // the after image is line 10
        assertThat(check.problems().examples())
                .containsExactly(
                        csvName() + " line 10: torn line: the file ends before the line's CRLF");
        assertThat(check.onlyInParquet().count()).isEqualTo(1);
        assertThat(check.onlyInParquet().examples())
                .singleElement()
                .asString()
                .startsWith("postgres.public.items-0@5 after in dt=2026-11-23/part-");
    }

    @Test
    void aRowMissingFromTheCsvIsFoundByItsKafkaPosition() throws Exception {
        JobWrittenLake.edit(
                csvFile,
                text -> {
                    List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
                    lines.removeIf(line -> line.startsWith("3,"));
                    return String.join("\r\n", lines);
                });
        VerifyReport.CsvCheck check = compare();
        assertThat(check.problems().count()).isZero();
        assertThat(check.onlyInParquet().count()).isEqualTo(1);
        assertThat(check.onlyInParquet().examples())
                .containsExactly(
                        "postgres.public.items-0@2 after in dt=2026-11-23/"
                                + parquetFile.getFileName());
        assertThat(check.rows()).isEqualTo(6);
    }

    @Test
    void aDifferentValueIsFoundWithBothValues() throws Exception {
        JobWrittenLake.edit(csvFile, text -> text.replaceFirst("\r\n1,-3,7,", "\r\n1,-3,8,"));
        VerifyReport.CsvCheck check = compare();
        assertThat(check.differingRows().count()).isEqualTo(1);
        assertThat(check.differingRows().examples())
                .containsExactly(
                        "postgres.public.items-0@0 after qty: Parquet 7, CSV 8 ("
                                + csvName()
                                + " line 2)");

        JobWrittenLake.edit(csvFile, text -> text.replaceFirst("\r\n1,-3,8,", "\r\n1,-3,seven,"));
        assertThat(compare().differingRows().examples())
                .singleElement()
                .asString()
                .contains("qty: Parquet 7, CSV unreadable 'seven'");
    }

    @Test
    void aHeaderThatIsNotTheParquetSchemaIsAProblemAtLineOne() throws Exception {
        JobWrittenLake.edit(
                csvFile, text -> text.replaceFirst("id,small,qty,", "id,small,quantity,"));
        VerifyReport.CsvCheck check = compare();
        assertThat(check.problems().examples())
                .singleElement()
                .asString()
                .startsWith(csvName() + " line 1: header [id, small, quantity, ")
                .contains("differs from the columns [id, small, qty, ");
    }

    @Test
    void aRepeatedRowAndARowNoParquetFileHasAreFound() throws Exception {
        JobWrittenLake.edit(
                csvFile,
                text -> {
                    String[] lines = text.split("\r\n");
                    String first = lines[1];
                    String moved =
                            first.replace(
                                    ",postgres.public.items,0,0,", ",postgres.public.items,0,99,");
                    return text + first + "\r\n" + moved + "\r\n";
                });
        VerifyReport.CsvCheck check = compare();
        assertThat(check.repeatedRows().examples())
                .containsExactly(
                        "postgres.public.items-0@0 after at "
                                + csvName()
                                + " line 2 and "
                                + csvName()
                                + " line 11");
        assertThat(check.onlyInCsv().examples())
                .containsExactly("postgres.public.items-0@99 after at " + csvName() + " line 12");
        assertThat(check.consistent()).isFalse();
    }
}
