package io.cdclake.cli.bench;

import java.io.IOException;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input file read in place through Flink's file systems, so that a footer or a few column
 * chunks cost a few ranged reads instead of a copy of the whole file: the benchmark reads while the
 * pipeline it measures shares the same cores.
 */
final class FlinkInputFile implements InputFile {

    private final Path path;
    private final long length;

    FlinkInputFile(Path path) throws IOException {
        this.path = path;
        this.length = path.getFileSystem().getFileStatus(path).getLen();
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FSDataInputStream in = path.getFileSystem().open(path);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() throws IOException {
                return in.getPos();
            }

            @Override
            public void seek(long newPos) throws IOException {
                in.seek(newPos);
            }
        };
    }
}
