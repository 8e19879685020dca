package io.cdclake.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers shared by the services, and by the tests that clean up after them. */
public final class Dirs {

    private Dirs() {}

    /** Deletes {@code dir} with its content, then creates it empty. */
    static void recreate(Path dir) throws IOException {
        deleteRecursively(dir);
        Files.createDirectories(dir);
    }

    /** Deletes a file, or a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Copies a classpath resource to {@code target} unless a file of the same size is already
     * there: the nested jars are tens of MB, and a work folder is reused across runs.
     */
    static Path extractResource(String resource, Path target) throws IOException {
        var url = Dirs.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException(
                    "Resource "
                            + resource
                            + " is missing from the classpath; was local-stack built with Maven?");
        }
        var connection = url.openConnection();
        long size = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path tmp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
