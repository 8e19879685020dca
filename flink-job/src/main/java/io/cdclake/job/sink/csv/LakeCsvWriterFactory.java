package io.cdclake.job.sink.csv;

import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.decode.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * CSV part files with a header line each. A bulk writer rather than a row encoder, because only a
 * writer knows when a file begins; one part file holds one schema version, so one header fits.
 */
public final class LakeCsvWriterFactory implements BulkWriter.Factory<LakeRow> {

    private static final long serialVersionUID = 1L;

    private final char delimiter;

    public LakeCsvWriterFactory(char delimiter) {
        this.delimiter = delimiter;
    }

    @Override
    public BulkWriter<LakeRow> create(FSDataOutputStream stream) {
        return new Writer(stream, new CsvFormatter(delimiter));
    }

    private static final class Writer implements BulkWriter<LakeRow> {
        private static final int FLUSH_AT = 64 * 1024;

        private final FSDataOutputStream stream;
        private final CsvFormatter formatter;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
        private final StringBuilder line = new StringBuilder(1024);
        private TableSchema schema;

        Writer(FSDataOutputStream stream, CsvFormatter formatter) {
            this.stream = stream;
            this.formatter = formatter;
        }

        @Override
        public void addElement(LakeRow row) throws IOException {
            if (schema == null) {
                schema = row.schema();
                formatter.header(schema.columns(), buffer);
            } else if (row.schema().fingerprint() != schema.fingerprint()) {
                throw new IllegalStateException(
                        "A part file received rows of two schemas: " + row.schema());
            }
            // A line is built whole before any of it joins the file, so a failure never leaves half
            // a line.
            line.setLength(0);
            formatter.row(schema.columns(), row.row(), line);
            buffer.append(line);
            if (line.capacity() > 1 << 20) {
                line.setLength(0);
                line.trimToSize();
            }
            if (buffer.length() >= FLUSH_AT) {
                drain();
            }
        }

        private void drain() throws IOException {
            stream.write(buffer.toString().getBytes(StandardCharsets.UTF_8));
            buffer.setLength(0);
        }

        @Override
        public void flush() throws IOException {
            drain();
            stream.flush();
        }

        @Override
        public void finish() throws IOException {
            flush();
        }
    }
}
