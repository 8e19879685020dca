package io.cdclake.loader.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CopyCsvWriterTest {

    @Test
    void nullIsAnEmptyFieldAndSpecialValuesAreQuoted() throws Exception {
        StringWriter out = new StringWriter();
        new CopyCsvWriter(out)
                .write(
                        new String[] {
                            "plain", null, "a,b", "say \"x\"", "two\nlines", "\\.", "back\\slash"
                        });

        assertThat(out.toString())
                .isEqualTo(
                        "plain,,\"a,b\",\"say \"\"x\"\"\",\"two\n"
                                + "lines\",\"\\.\",\"back\\slash\"\n");
    }

    @Test
    void whatItWritesReadsBackTheSame() throws Exception {
        String[] values = {"Andersson, Mr. August (\"Wennerstrom\")", "x\r\ny", "7.2500", "end"};
        StringWriter out = new StringWriter();
        new CopyCsvWriter(out).write(values);

        CsvRecord back = new CsvReader(new StringReader(out.toString())).next();
        assertThat(back.fields()).containsExactly(values);
    }
}
