package io.cdclake.job.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.CsvEncoding;
import io.cdclake.format.LakeColumn;
import io.cdclake.format.LakeType;
import io.cdclake.format.LakeType.Kind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;

class CsvFormatterTest {

    private static final List<LakeColumn> COLUMNS =
            List.of(
                    new LakeColumn("name", LakeType.of(Kind.STRING)),
                    new LakeColumn("fare", LakeType.decimal(10, 4)),
                    new LakeColumn("born", LakeType.of(Kind.DATE)),
                    new LakeColumn("at", LakeType.timestamp(6)),
                    new LakeColumn("tags", LakeType.array(LakeType.of(Kind.STRING))),
                    new LakeColumn("cabin", LakeType.of(Kind.STRING)));

    private static String line(char delimiter, Object... values) {
        StringBuilder out = new StringBuilder();
        new CsvFormatter(delimiter).row(COLUMNS, GenericRowData.of(values), out);
        return out.toString();
    }

    @Test
    void quotesOnlyWhatNeedsIt() {
        String line =
                line(
                        ',',
                        StringData.fromString("Braund, Mr. Owen \"Harris\""),
                        DecimalData.fromBigDecimal(new BigDecimal("7.2500"), 10, 4),
                        19000,
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.parse("2026-11-24T10:15:30.123456")),
                        new GenericArrayData(new Object[] {StringData.fromString("a"), null}),
                        null);
        assertThat(line)
                .isEqualTo(
                        "\"Braund, Mr. Owen"
                            + " \"\"Harris\"\"\",7.2500,2022-01-08,2026-11-24T10:15:30.123456,\"[\"\"a\"\",null]\",\r\n");
    }

    @Test
    void nullIsEmptyAndEmptyStringIsQuoted() {
        assertThat(line(',', StringData.fromString(""), null, null, null, null, null))
                .isEqualTo("\"\",,,,,\r\n");
    }

    @Test
    void lineBreaksAndOtherDelimiters() {
        assertThat(
                        line(
                                ';',
                                StringData.fromString("a,b"),
                                null,
                                null,
                                null,
                                null,
                                StringData.fromString("x;y\nz")))
                .isEqualTo("a,b;;;;;\"x;y\nz\"\r\n");
    }

    @Test
    void numbersAndBooleansAreTheirJavaTextAndQuotedWhenTheyHoldTheDelimiter() {
        List<LakeColumn> columns =
                List.of(
                        new LakeColumn("flag", LakeType.of(Kind.BOOLEAN)),
                        new LakeColumn("small", LakeType.of(Kind.SMALLINT)),
                        new LakeColumn("id", LakeType.of(Kind.INT)),
                        new LakeColumn("big", LakeType.of(Kind.BIGINT)),
                        new LakeColumn("ratio", LakeType.of(Kind.FLOAT)),
                        new LakeColumn("score", LakeType.of(Kind.DOUBLE)));
        GenericRowData row =
                GenericRowData.of(
                        true,
                        (short) -7,
                        Integer.MIN_VALUE,
                        Long.MAX_VALUE,
                        1.0e-10f,
                        Double.NEGATIVE_INFINITY);
        for (char delimiter : new char[] {',', '.', '-', 'E'}) {
            StringBuilder out = new StringBuilder();
            new CsvFormatter(delimiter).row(columns, row, out);
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                String text = CsvEncoding.text(columns.get(i).type(), row.getField(i));
                boolean quote = text.indexOf(delimiter) >= 0;
                expected.append(i > 0 ? String.valueOf(delimiter) : "")
                        .append(quote ? "\"" + text + "\"" : text);
            }
            assertThat(out.toString()).as("delimiter %s", delimiter).isEqualTo(expected + "\r\n");
        }
        StringBuilder dots = new StringBuilder();
        new CsvFormatter('.').row(columns, row, dots);
        assertThat(dots.toString())
                .isEqualTo("true.-7.-2147483648.9223372036854775807.\"1.0E-10\".-Infinity\r\n");
    }

    @Test
    void headerNamesEveryColumn() {
        StringBuilder out = new StringBuilder();
        new CsvFormatter(',').header(COLUMNS, out);
        assertThat(out.toString()).isEqualTo("name,fare,born,at,tags,cabin\r\n");
    }
}
