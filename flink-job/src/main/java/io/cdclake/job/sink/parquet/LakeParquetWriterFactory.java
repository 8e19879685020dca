package io.cdclake.job.sink.parquet;

import io.cdclake.format.ParquetEncoding;
import io.cdclake.job.decode.LakeRow;
import io.cdclake.job.decode.TableSchema;
import io.cdclake.job.options.LakeOptions.ParquetCompression;
import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.table.data.RowData;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet part files for lake rows. A part file learns its schema from its first row: every bucket
 * holds one schema version ({@link io.cdclake.job.route.LakeBucketing} rolls the part file when a
 * row's schema differs), so all rows of a file share it.
 */
public final class LakeParquetWriterFactory implements BulkWriter.Factory<LakeRow> {

    private static final long serialVersionUID = 1L;

    private final ParquetCompression compression;
    private final long rowGroupSize;

    public LakeParquetWriterFactory(ParquetCompression compression, long rowGroupSize) {
        this.compression = compression;
        this.rowGroupSize = rowGroupSize;
    }

    @Override
    public BulkWriter<LakeRow> create(FSDataOutputStream stream) {
        return new LazyWriter(stream);
    }

    private CompressionCodecName codec() {
        switch (compression) {
            case ZSTD:
                return CompressionCodecName.ZSTD;
            case GZIP:
                return CompressionCodecName.GZIP;
            case NONE:
                return CompressionCodecName.UNCOMPRESSED;
            case SNAPPY:
            default:
                return CompressionCodecName.SNAPPY;
        }
    }

    private BulkWriter<RowData> open(FSDataOutputStream stream, TableSchema table)
            throws IOException {
        MessageType schema = ParquetEncoding.schema(messageName(table), table.columns());
        CompressionCodecName codec = codec();
        long rowGroup = rowGroupSize;
        return new ParquetWriterFactory<RowData>(
                        out ->
                                new Builder(out, table, schema)
                                        .withCompressionCodec(codec)
                                        .withRowGroupSize(rowGroup)
                                        .build())
                .create(stream);
    }

    private static String messageName(TableSchema table) {
        String name = table.valueSchemaName();
        return name == null || name.isEmpty() ? "row" : name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Opens the Parquet writer on the first row, when the schema is known. */
    private final class LazyWriter implements BulkWriter<LakeRow> {
        private final FSDataOutputStream stream;
        private BulkWriter<RowData> writer;
        private long fingerprint;

        LazyWriter(FSDataOutputStream stream) {
            this.stream = stream;
        }

        @Override
        public void addElement(LakeRow row) throws IOException {
            if (writer == null) {
                writer = open(stream, row.schema());
                fingerprint = row.schema().fingerprint();
            } else if (row.schema().fingerprint() != fingerprint) {
                throw new IllegalStateException(
                        "A part file received rows of two schemas: " + row.schema());
            }
            writer.addElement(row.row());
        }

        @Override
        public void flush() throws IOException {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public void finish() throws IOException {
            if (writer != null) {
                writer.finish();
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<RowData, Builder> {
        private final TableSchema table;
        private final MessageType schema;

        Builder(OutputFile file, TableSchema table, MessageType schema) {
            super(file);
            this.table = table;
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowData> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new LakeWriteSupport(table, schema);
        }
    }
}
