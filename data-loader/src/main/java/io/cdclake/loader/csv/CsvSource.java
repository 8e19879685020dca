package io.cdclake.loader.csv;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Something that can be opened more than once: type inference reads a sample, then the load reads
 * it all.
 */
public interface CsvSource {

    /** For messages: a file name, never a full path of this machine if avoidable. */
    String name();

    InputStream open() throws IOException;

    /** Size in bytes, or -1 when unknown. */
    long sizeBytes();

    static CsvSource file(Path path) {
        return new CsvSource() {
            @Override
            public String name() {
                return path.getFileName().toString();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }

            @Override
            public long sizeBytes() {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }

    /** A resource of this module's class path, e.g. {@code /titanic.csv}. */
    static CsvSource classpath(String resource) {
        return new CsvSource() {
            @Override
            public String name() {
                return resource.substring(resource.lastIndexOf('/') + 1);
            }

            @Override
            public InputStream open() throws IOException {
                InputStream in = CsvSource.class.getResourceAsStream(resource);
                if (in == null) {
                    throw new FileNotFoundException("class path resource " + resource);
                }
                return in;
            }

            @Override
            public long sizeBytes() {
                URL url = CsvSource.class.getResource(resource);
                if (url == null) {
                    return -1;
                }
                try {
                    URLConnection connection = url.openConnection();
                    connection.setUseCaches(false);
                    long length = connection.getContentLengthLong();
                    connection.getInputStream().close();
                    return length;
                } catch (IOException e) {
                    return -1;
                }
            }
        };
    }

    static CsvSource text(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new CsvSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long sizeBytes() {
                return bytes.length;
            }
        };
    }
}
