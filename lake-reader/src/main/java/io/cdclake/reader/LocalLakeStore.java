package io.cdclake.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A lake in a local folder: files are read where they are. */
public final class LocalLakeStore implements LakeStore {

    @Override
    public List<StoredFile> list(String folder) throws IOException {
        Path root = toPath(folder);
        List<StoredFile> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        String prefix = folder.replaceAll("/+$", "");
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(
                    path -> {
                        try {
                            BasicFileAttributes attributes =
                                    Files.readAttributes(path, BasicFileAttributes.class);
                            if (attributes.isRegularFile()) {
                                String relative =
                                        root.relativize(path).toString().replace('\\', '/');
                                files.add(
                                        new StoredFile(
                                                prefix + "/" + relative,
                                                attributes.size(),
                                                attributes.lastModifiedTime().toInstant(),
                                                null));
                            }
                        } catch (NoSuchFileException e) {
                            // Renamed while listed: an in-progress file the job just committed.
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        files.sort(Comparator.comparing(StoredFile::path));
        return files;
    }

    @Override
    public Path local(StoredFile file) {
        return toPath(file.path());
    }

    @Override
    public void delete(String path) throws IOException {
        Path file = toPath(path);
        Files.deleteIfExists(file);
        // The day folder goes with its last file.
        Path parent = file.getParent();
        try (Stream<Path> left = parent == null ? Stream.empty() : Files.list(parent)) {
            if (parent != null && left.findAny().isEmpty()) {
                Files.deleteIfExists(parent);
            }
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
            // Gone, or written into meanwhile.
        }
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        Path file = toPath(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    @Override
    public void close() {}

    /**
     * {@code file:///path}, {@code file:/path} or a plain path. Not parsed as a URI: the lake's
     * folder names keep their own {@code %XX} escapes, which are part of the file names.
     */
    static Path toPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(location.substring("file:".length()).replaceFirst("^/+", "/"));
        }
        return Path.of(location);
    }
}
