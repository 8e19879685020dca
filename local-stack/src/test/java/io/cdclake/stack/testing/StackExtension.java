package io.cdclake.stack.testing;

import io.cdclake.stack.Dirs;
import io.cdclake.stack.FlinkFileSystems;
import io.cdclake.stack.LocalStack;
import io.cdclake.stack.PostgresService;
import io.cdclake.stack.S3Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded services one test class shares, for every module's ITCases: started before the
 * class's {@code @BeforeAll} methods in a work folder of its own, closed after its last test
 * whatever failed, and the folder emptied but for the S3 plugin Flink may still load classes from.
 *
 * <pre>{@code
 * @RegisterExtension static final StackExtension STACK = StackExtension.of("name", b -> b.postgres());
 * }</pre>
 */
public class StackExtension implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final UnaryOperator<LocalStack.Builder> services;
    private LocalStack stack;
    private Path workDir;

    protected StackExtension(String name, UnaryOperator<LocalStack.Builder> services) {
        this.name = name;
        this.services = services;
    }

    /** Every service: PostgreSQL, Kafka, Kafka Connect, the S3 server and Flink. */
    public static StackExtension all(String name) {
        return new StackExtension(name, LocalStack.Builder::all);
    }

    /** The services {@code services} picks, e.g. {@code b -> b.postgres().s3()}. */
    public static StackExtension of(String name, UnaryOperator<LocalStack.Builder> services) {
        return new StackExtension(name, services);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        workDir = Files.createTempDirectory("cdc-lake-" + name);
        stack = services.apply(LocalStack.builder(workDir)).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            deleteAllBut(workDir, FlinkFileSystems.PLUGINS_FOLDER);
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public PostgresService postgres() {
        return stack.postgres();
    }

    public S3Service s3() {
        return stack.s3();
    }

    /** The class's work folder; the services keep their files under it too. */
    public Path workDir() {
        return workDir;
    }

    private static void deleteAllBut(Path dir, String kept) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals(kept)) {
                    Dirs.deleteRecursively(child);
                }
            }
        }
    }
}
