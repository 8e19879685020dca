package io.cdclake.reader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A lake in S3: objects are listed under a prefix and downloaded into a local cache folder before
 * they are read. A committed part file is never rewritten (the job writes new files), so a cached
 * copy of the same key, size and ETag is the file: a second run downloads nothing again.
 */
public final class S3LakeStore implements LakeStore {

    private final S3Client client;
    private final Path cacheDir;
    private long downloads;

    /**
     * @param client owned by the store from now on: {@link #close} closes it
     */
    public S3LakeStore(S3Client client, Path cacheDir) {
        this.client = client;
        this.cacheDir = cacheDir;
    }

    @Override
    public List<StoredFile> list(String folder) throws IOException {
        Location location = Location.of(folder);
        String prefix = location.key().isEmpty() ? "" : location.key() + "/";
        List<StoredFile> files = new ArrayList<>();
        try {
            ListObjectsV2Request request =
                    ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix).build();
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                if (object.key().endsWith("/")) {
                    // A folder marker (Hadoop's S3A and some servers write them), not a file.
                    continue;
                }
                files.add(
                        new StoredFile(
                                location.scheme() + "://" + location.bucket() + "/" + object.key(),
                                object.size(),
                                object.lastModified(),
                                object.eTag()));
            }
        } catch (SdkException e) {
            throw new IOException(
                    "listing s3://"
                            + location.bucket()
                            + "/"
                            + prefix
                            + " failed: "
                            + e.getMessage(),
                    e);
        }
        files.sort(Comparator.comparing(StoredFile::path));
        return files;
    }

    @Override
    public Path local(StoredFile file) throws IOException {
        Location location = Location.of(file.path());
        Path cached = cachePath(location, file);
        if (Files.isRegularFile(cached) && Files.size(cached) == file.size()) {
            // Used now: prune keeps what readers use.
            Files.setLastModifiedTime(cached, FileTime.from(Instant.now()));
            return cached;
        }
        Files.createDirectories(cached.getParent());
        Path partial = Files.createTempFile(cached.getParent(), ".download-", ".tmp");
        try {
            GetObjectRequest.Builder request =
                    GetObjectRequest.builder().bucket(location.bucket()).key(location.key());
            if (file.etag() != null) {
                // The object listed, not one written since under the same key.
                request.ifMatch(file.etag());
            }
            try (var in = client.getObject(request.build())) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(
                    partial,
                    cached,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            downloads++;
            return cached;
        } catch (SdkException e) {
            throw new IOException("downloading " + file.path() + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public int prune(Duration unusedFor) throws IOException {
        if (!Files.isDirectory(cacheDir)) {
            return 0;
        }
        FileTime cutoff = FileTime.from(Instant.now().minus(unusedFor));
        int dropped = 0;
        try (Stream<Path> files = Files.walk(cacheDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(file)
                            && Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(file);
                        dropped++;
                    }
                } catch (NoSuchFileException e) {
                    // Dropped by another reader of this cache.
                }
            }
        }
        return dropped;
    }

    /** How many files this store downloaded; cached ones do not count. */
    public long downloads() {
        return downloads;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public void delete(String path) throws IOException {
        Location location = Location.of(path);
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
        } catch (SdkException e) {
            throw new IOException("deleting " + path + " failed: " + e.getMessage(), e);
        }
        Path folder = cacheDir.resolve(location.bucket());
        for (String segment : location.key().split("/")) {
            if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
                folder = folder.resolve(segment);
            }
        }
        String name = folder.getFileName() + ".";
        if (Files.isDirectory(folder.getParent())) {
            try (Stream<Path> copies = Files.list(folder.getParent())) {
                for (Path copy : (Iterable<Path>) copies::iterator) {
                    if (copy.getFileName().toString().startsWith(name)) {
                        Files.deleteIfExists(copy);
                    }
                }
            }
        }
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        Location location = Location.of(path);
        try {
            client.putObject(
                    b -> b.bucket(location.bucket()).key(location.key()),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new IOException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code <cache>/<bucket>/<key>.<etag>.<size>}: key, size and ETag are the copy's identity. */
    private Path cachePath(Location location, StoredFile file) {
        String etag = file.etag() == null ? "none" : file.etag().replaceAll("[^A-Za-z0-9-]", "");
        Path path = cacheDir.resolve(location.bucket());
        for (String segment : location.key().split("/")) {
            if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
                path = path.resolve(segment);
            }
        }
        return path.resolveSibling(path.getFileName() + "." + etag + "." + file.size());
    }

    /**
     * A bucket and a key (or prefix) without slashes at either end. Not parsed as a URI: the lake's
     * folder names keep their own {@code %XX} escapes, which are part of the key.
     */
    private record Location(String scheme, String bucket, String key) {
        static Location of(String location) {
            int colon = location.indexOf("://");
            String rest = location.substring(colon + 3);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("^/+|/+$", "");
            return new Location(location.substring(0, colon), bucket, key);
        }
    }
}
