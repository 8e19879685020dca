package io.cdclake.reader.state;

import io.cdclake.reader.LakeStore;
import io.cdclake.reader.S3Access;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Iceberg's file IO for the current-state tables, over the lake's own S3 client ({@link S3Access}:
 * path-style endpoints, checksums only where S3 requires them, as S3-compatible servers want) or
 * the local file system. Iceberg's S3 file IO would bring the whole AWS SDK (STS, KMS, Glue) to
 * this command-line tool; users' engines read the same {@code s3://} locations with it. A file is
 * read from a local copy, which makes any seek cheap, and written to a local file first and put in
 * one request when closed.
 */
final class LakeFileIO implements FileIO {

    private final S3Access s3;
    private final Path tempDir;
    private transient S3Client client;

    LakeFileIO(S3Access s3, Path tempDir) {
        this.s3 = s3;
        this.tempDir = tempDir;
    }

    @Override
    public InputFile newInputFile(String location) {
        return new Input(location, -1);
    }

    @Override
    public InputFile newInputFile(String location, long length) {
        return new Input(location, length);
    }

    @Override
    public OutputFile newOutputFile(String location) {
        return new Output(location);
    }

    @Override
    public void deleteFile(String location) {
        if (!LakeStore.isS3(location)) {
            try {
                Files.deleteIfExists(localPath(location));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        S3Location at = S3Location.of(location);
        client().deleteObject(DeleteObjectRequest.builder().bucket(at.bucket).key(at.key).build());
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = s3.client();
        }
        return client;
    }

    static Path localPath(String location) {
        return location.startsWith("file:")
                ? Path.of(URI.create(location.replaceFirst("^file:/+", "file:///")))
                : Path.of(location);
    }

    private record S3Location(String bucket, String key) {
        static S3Location of(String location) {
            URI uri = URI.create(location);
            return new S3Location(uri.getAuthority(), uri.getPath().replaceFirst("^/", ""));
        }
    }

    private final class Input implements InputFile {
        private final String location;
        private long length;

        Input(String location, long length) {
            this.location = location;
            this.length = length;
        }

        @Override
        public long getLength() {
            if (length < 0) {
                try {
                    if (LakeStore.isS3(location)) {
                        S3Location at = S3Location.of(location);
                        length =
                                client().headObject(
                                                HeadObjectRequest.builder()
                                                        .bucket(at.bucket)
                                                        .key(at.key)
                                                        .build())
                                        .contentLength();
                    } else {
                        length = Files.size(localPath(location));
                    }
                } catch (NoSuchKeyException | NoSuchFileException e) {
                    throw new NotFoundException(e, "no file at %s", location);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return length;
        }

        @Override
        public SeekableInputStream newStream() {
            try {
                if (!LakeStore.isS3(location)) {
                    return new FileStream(localPath(location), false);
                }
                S3Location at = S3Location.of(location);
                Files.createDirectories(tempDir);
                Path copy = Files.createTempFile(tempDir, ".iceberg-", ".read");
                try (var in =
                        client().getObject(
                                        GetObjectRequest.builder()
                                                .bucket(at.bucket)
                                                .key(at.key)
                                                .build())) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchKeyException e) {
                    Files.deleteIfExists(copy);
                    throw new NotFoundException(e, "no file at %s", location);
                } catch (IOException | SdkException e) {
                    Files.deleteIfExists(copy);
                    throw e;
                }
                return new FileStream(copy, true);
            } catch (NoSuchFileException e) {
                throw new NotFoundException(e, "no file at %s", location);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + location + " failed", e);
            }
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public boolean exists() {
            try {
                getLength();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        }
    }

    private final class Output implements OutputFile {
        private final String location;

        Output(String location) {
            this.location = location;
        }

        @Override
        public PositionOutputStream create() {
            if (new Input(location, -1).exists()) {
                throw new AlreadyExistsException("a file exists at %s", location);
            }
            return createOrOverwrite();
        }

        @Override
        public PositionOutputStream createOrOverwrite() {
            try {
                Files.createDirectories(tempDir);
                Path buffer = Files.createTempFile(tempDir, ".iceberg-", ".write");
                return new UploadStream(location, buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public InputFile toInputFile() {
            return new Input(location, -1);
        }
    }

    /** Written to a local file; put where it belongs when closed. */
    private final class UploadStream extends PositionOutputStream {
        private final String location;
        private final Path buffer;
        private final OutputStream out;
        private long position;
        private boolean closed;

        UploadStream(String location, Path buffer) throws IOException {
            this.location = location;
            this.buffer = buffer;
            this.out = Files.newOutputStream(buffer);
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
                if (LakeStore.isS3(location)) {
                    S3Location at = S3Location.of(location);
                    client().putObject(
                                    PutObjectRequest.builder()
                                            .bucket(at.bucket)
                                            .key(at.key)
                                            .build(),
                                    RequestBody.fromFile(buffer));
                } else {
                    Path target = localPath(location);
                    Files.createDirectories(target.getParent());
                    Files.move(buffer, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (SdkException e) {
                throw new IOException("writing " + location + " failed: " + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(buffer);
            }
        }
    }

    /** A local file, deleted when closed if it is a copy. */
    private static final class FileStream extends SeekableInputStream {
        private final RandomAccessFile file;
        private final Path path;
        private final boolean copy;

        FileStream(Path path, boolean copy) throws IOException {
            this.file = new RandomAccessFile(path.toFile(), "r");
            this.path = path;
            this.copy = copy;
        }

        @Override
        public long getPos() throws IOException {
            return file.getFilePointer();
        }

        @Override
        public void seek(long newPos) throws IOException {
            file.seek(newPos);
        }

        @Override
        public int read() throws IOException {
            return file.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return file.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            file.close();
            if (copy) {
                Files.deleteIfExists(path);
            }
        }
    }
}
