package io.cdclake.reader.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The strict RFC 4180 reading of the job's CSV part files. */
class CsvPartParserTest {

    private final CsvPartParser parser = new CsvPartParser(',');

    @Test
    void readsQuotedFieldsNullsAndEmptyStrings() {
        CsvPartParser.Parsed parsed =
                parser.parse(
                        "id,name,note\r\n"
                                + "1,\"Braund, Mr. \"\"Owen\"\"\",\r\n"
                                + "2,\"\",\"two\r\nlines\"\r\n"
                                + "3,plain,x\r\n");
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.header()).containsExactly("id", "name", "note");
        assertThat(parsed.lines()).hasSize(3);
        assertThat(parsed.lines().get(0).fields())
                .containsExactly("1", "Braund, Mr. \"Owen\"", null);
        assertThat(parsed.lines().get(1).fields()).containsExactly("2", "", "two\r\nlines");
        // the quoted line break moves the next line down one physical line
        assertThat(parsed.lines().get(2).number()).isEqualTo(5);
        assertThat(parsed.lines().get(2).fields()).containsExactly("3", "plain", "x");
    }

    @Test
    void anotherDelimiter() {
        CsvPartParser.Parsed parsed = new CsvPartParser('\t').parse("a\tb\r\n1,5\t\"x\ty\"\r\n");
        assertThat(parsed.problem()).isNull();
        assertThat(parsed.lines().get(0).fields()).containsExactly("1,5", "x\ty");
    }

    @Test
    void aFileCutInTheMiddleOfALineIsTorn() {
        CsvPartParser.Parsed cut = parser.parse("id,name\r\n1,a\r\n2,b");
        assertThat(cut.problem())
                .isEqualTo(
                        new CsvPartParser.Problem(
                                3, "torn line: the file ends before the line's CRLF"));
        assertThat(cut.lines()).hasSize(1);

        CsvPartParser.Parsed inQuotes = parser.parse("id,name\r\n1,a\r\n2,\"b\r\nand mo");
        assertThat(inQuotes.problem())
                .isEqualTo(
                        new CsvPartParser.Problem(
                                3, "torn line: the file ends inside a quoted field"));
    }

    @Test
    void wrongFieldCountsAndStrayCharactersAreProblemsAtTheirLine() {
        assertThat(parser.parse("id,name\r\n1,a\r\n2\r\n3,c\r\n").problem())
                .isEqualTo(new CsvPartParser.Problem(3, "has 1 fields, the header 2"));
        assertThat(parser.parse("id,name\r\n1,a,extra\r\n").problem())
                .isEqualTo(new CsvPartParser.Problem(2, "has 3 fields, the header 2"));
        assertThat(parser.parse("id,name\r\n1,\"a\"b\r\n").problem())
                .isEqualTo(new CsvPartParser.Problem(2, "unexpected 'b' after a quoted field"));
        assertThat(parser.parse("id,name\r\n1,a\"b\r\n").problem())
                .isEqualTo(new CsvPartParser.Problem(2, "a quote inside an unquoted field"));
        assertThat(parser.parse("id,name\r\n1,a\n2,b\r\n").problem())
                .isEqualTo(
                        new CsvPartParser.Problem(
                                2, "a line break that is not CRLF outside quotes"));
    }

    @Test
    void aFileNeedsAHeader() {
        assertThat(parser.parse("").problem())
                .isEqualTo(new CsvPartParser.Problem(1, "empty file: no header line"));
        assertThat(parser.parse("id,,name\r\n").problem())
                .isEqualTo(new CsvPartParser.Problem(1, "the header has an empty column name"));
        CsvPartParser.Parsed headerOnly = parser.parse("id,name\r\n");
        assertThat(headerOnly.problem()).isNull();
        assertThat(headerOnly.lines()).isEmpty();
        assertThat(Arrays.asList(headerOnly.header().toArray())).containsExactly("id", "name");
    }
}
