package io.cdclake.loader.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvRecord> readAll(String text) throws Exception {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text))) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void readsPlainRecordsWithTheirLines() throws Exception {
        List<CsvRecord> records = readAll("a,b,c\n1,2,3\n4,5,6\n");

        assertThat(records)
                .extracting(CsvRecord::fields)
                .containsExactly(
                        List.of("a", "b", "c"), List.of("1", "2", "3"), List.of("4", "5", "6"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L);
    }

    @Test
    void quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() throws Exception {
        List<CsvRecord> records =
                readAll(
                        "id,name,note\n"
                                + "1,\"Braund, Mr. Owen\",\"said \"\"hi\"\"\"\n"
                                + "2,\"two\nline\",x\n"
                                + "3,\"three\r\nlines\nhere\",y\n"
                                + "4,last,z\n");

        assertThat(records.get(1).fields()).containsExactly("1", "Braund, Mr. Owen", "said \"hi\"");
        assertThat(records.get(2).fields()).containsExactly("2", "two\nline", "x");
        assertThat(records.get(3).fields()).containsExactly("3", "three\r\nlines\nhere", "y");
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L, 5L, 8L);
        assertThat(records.get(2).lineOf(2)).isEqualTo(4);
        assertThat(records.get(3).lineOf(2)).isEqualTo(7);
    }

    @Test
    void acceptsCrLfAndBareCrAndNoFinalLineBreak() throws Exception {
        List<CsvRecord> records = readAll("a,b\r\n1,2\r3,4");

        assertThat(records)
                .extracting(CsvRecord::fields)
                .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L);
    }

    @Test
    void emptyFieldsAndTrailingDelimiterAreEmptyStrings() throws Exception {
        List<CsvRecord> records = readAll("a,,c\n,,\nx,\"\",\n");

        assertThat(records.get(0).fields()).containsExactly("a", "", "c");
        assertThat(records.get(1).fields()).containsExactly("", "", "");
        assertThat(records.get(2).fields()).containsExactly("x", "", "");
    }

    @Test
    void skipsBlankLinesButCountsThem() throws Exception {
        List<CsvRecord> records = readAll("a\n\n\r\nb\n\n");

        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 4L);
    }

    @Test
    void dropsAByteOrderMark() throws Exception {
        assertThat(readAll("\uFEFFPassengerId,Name\n1,x\n").get(0).get(0)).isEqualTo("PassengerId");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAsACharacter() throws Exception {
        List<CsvRecord> records = readAll("a,b\n1,x\"y\n2,z\n");

        assertThat(records.get(1).fields()).containsExactly("1", "x\"y");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void textAfterAClosingQuoteIsAnErrorOnTheLineWhereItIsAndReadingGoesOnAtTheNextLine()
            throws Exception {
        try (CsvReader reader =
                new CsvReader(new StringReader("a,b\n1,\"multi\nline\"x,more\n2,z\n"))) {
            reader.next();
            assertThatThrownBy(reader::next)
                    .isInstanceOfSatisfying(
                            CsvFormatException.class,
                            e -> {
                                assertThat(e.line()).isEqualTo(3);
                                assertThat(e.reason()).contains("after a closing quote");
                                assertThat(e.getMessage()).startsWith("line 3: ");
                            });
            CsvRecord next = reader.next();
            assertThat(next.fields()).containsExactly("2", "z");
            assertThat(next.line()).isEqualTo(4);
        }
    }

    @Test
    void textAfterAClosingQuoteOnTheFirstLineOfARecordSkipsOnlyThatLine() throws Exception {
        try (CsvReader reader = new CsvReader(new StringReader("a,b\n1,\"abc\"x,y\n2,z\n"))) {
            reader.next();
            assertThatThrownBy(reader::next)
                    .isInstanceOfSatisfying(
                            CsvFormatException.class, e -> assertThat(e.line()).isEqualTo(2));
            assertThat(reader.next().fields()).containsExactly("2", "z");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereTheRecordStarts() throws Exception {
        try (CsvReader reader =
                new CsvReader(new StringReader("a,b\n1,2\n\n3,\"never\nclosed\n"))) {
            reader.next();
            reader.next();
            assertThatThrownBy(reader::next)
                    .isInstanceOfSatisfying(
                            CsvFormatException.class,
                            e -> {
                                assertThat(e.line()).isEqualTo(4);
                                assertThat(e.reason()).contains("never closed");
                            });
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void everyFieldKnowsItsLine() throws Exception {
        List<CsvRecord> records = readAll("a,b,c,d\n\"1\r\n\",\"2\r3\n\",x,\"\n\"\n");

        CsvRecord record = records.get(1);
        assertThat(record.line()).isEqualTo(2);
        assertThat(List.of(record.lineOf(0), record.lineOf(1), record.lineOf(2), record.lineOf(3)))
                .containsExactly(2L, 3L, 5L, 5L);
        assertThat(readAll("a\n\"\n\"\nnext\n").get(2).line()).isEqualTo(4);
    }

    @Test
    void fieldsLongerThanTheBufferSurviveRefills() throws Exception {
        String longUnquoted = "u".repeat(200_000);
        String longQuoted = "q,\"\n".repeat(50_000);
        String quotedCsv = "\"" + longQuoted.replace("\"", "\"\"") + "\"";
        List<CsvRecord> records = readAll(longUnquoted + "," + quotedCsv + "\nend,1\n");

        assertThat(records.get(0).get(0)).isEqualTo(longUnquoted);
        assertThat(records.get(0).get(1)).isEqualTo(longQuoted);
        assertThat(records.get(1).line()).isEqualTo(1 + 50_000 + 1);
    }
}
