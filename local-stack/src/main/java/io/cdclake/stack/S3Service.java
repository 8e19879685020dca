package io.cdclake.stack;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An S3-compatible server (s3proxy over the jclouds {@code filesystem} provider) in a child JVM.
 *
 * <p>It runs apart because s3proxy's dependencies (Jetty, jclouds, Guava) clash with Kafka Connect
 * and Flink on one classpath. Objects are plain files under {@code workDir/s3/<bucket>}.
 */
public final class S3Service implements AutoCloseable {

    public static final String DEFAULT_BUCKET = "lake";
    static final String S3PROXY_JAR_RESOURCE = "cdclake-isolated/s3proxy.jar";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm process;
    private final Path home;
    private final Path storage;
    private final int port;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;

    private S3Service(
            ChildJvm process,
            Path home,
            Path storage,
            int port,
            String bucket,
            String accessKey,
            String secretKey) {
        this.process = process;
        this.home = home;
        this.storage = storage;
        this.port = port;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a server with generated credentials and the bucket {@value #DEFAULT_BUCKET}. */
    public static S3Service start(Path workDir, int port) throws IOException {
        return start(workDir, port, DEFAULT_BUCKET, null, null);
    }

    /**
     * Starts a server and creates {@code bucket}; returns once it answers HTTP.
     *
     * @param port a fixed port, or 0 for a free one
     * @param accessKey null to generate one
     * @param secretKey null to generate one
     */
    public static S3Service start(
            Path workDir, int port, String bucket, String accessKey, String secretKey)
            throws IOException {
        String access = accessKey != null ? accessKey : "cdclake-" + randomHex(8);
        String secret = secretKey != null ? secretKey : randomHex(20);
        Path home = workDir.resolve("s3proxy").toAbsolutePath();
        Path storage = workDir.resolve("s3").toAbsolutePath();
        // Every start is fresh, like the embedded PostgreSQL and Kafka: a lake left by an earlier
        // run would hold changes of a database that no longer exists.
        Dirs.recreate(storage);
        // jclouds' filesystem provider lists the directories under its base as buckets.
        Files.createDirectories(storage.resolve(bucket));
        Path jar = Dirs.extractResource(S3PROXY_JAR_RESOURCE, home.resolve("s3proxy.jar"));

        // A free port is picked before the child binds it; if another process wins the race,
        // the child exits and the next attempt picks another port.
        int attempts = port > 0 ? 1 : 3;
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(home, jar, storage, Ports.orFree(port), bucket, access, secret);
            } catch (IOException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    private static S3Service launch(
            Path home,
            Path jar,
            Path storage,
            int port,
            String bucket,
            String access,
            String secret)
            throws IOException {
        Path properties = writeProperties(home, port, storage, access, secret);
        Path log = logFile(home);
        ChildJvm process =
                ChildJvm.builder("s3proxy", "org.gaul.s3proxy.Main")
                        .workDir(home)
                        .jvmOptions(
                                List.of(
                                        "-Xmx256m",
                                        "-Xss512k",
                                        "-XX:+UseSerialGC",
                                        "-XX:TieredStopAtLevel=1",
                                        "-Dlogback.statusListenerClass="
                                                + "ch.qos.logback.core.status.NopStatusListener"))
                        .classpath(jar.toString())
                        .environment(Map.of("LOG_LEVEL", "warn"))
                        .args(List.of("--properties", properties.toString()))
                        .log(log, true)
                        .stopGrace(Duration.ofSeconds(10))
                        .start();
        S3Service service = new S3Service(process, home, storage, port, bucket, access, secret);
        try {
            // Unauthenticated requests get 403: any HTTP answer means the server is up.
            HttpProbe.await(
                    URI.create(service.endpoint() + "/"),
                    status -> true,
                    STARTUP_TIMEOUT,
                    process::isAlive);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw new IOException("s3proxy did not start on port " + port + "; see " + log, e);
        }
        return service;
    }

    /** Beside the other services' logs: {@code workDir/logs}. */
    static Path logFile(Path home) {
        return home.resolveSibling("logs").resolve("s3proxy.log");
    }

    private static Path writeProperties(
            Path home, int port, Path storage, String access, String secret) throws IOException {
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", access);
        p.setProperty("s3proxy.credential", secret);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", storage.toString());
        p.setProperty("jclouds.identity", access);
        p.setProperty("jclouds.credential", secret);
        Path file = home.resolve("s3proxy.properties");
        Files.deleteIfExists(file);
        // The file carries the secret key: readable by the owner only, where the file system
        // allows.
        try {
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "generated by cdc-lake local-stack");
        }
        return file;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String bucket() {
        return bucket;
    }

    /** The process id of the server, for checks that it is gone. */
    public long pid() {
        return process.pid();
    }

    /** Options for Flink's S3 file system (flink-s3-fs-hadoop) to use this server. */
    public Map<String, String> flinkS3Options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("s3.endpoint", endpoint());
        options.put("s3.path.style.access", "true");
        options.put("s3.access-key", accessKey);
        options.put("s3.secret-key", secretKey);
        // Without it S3A deletes parent directory markers after every write, which on this
        // server made each multipart commit wait about 40 s.
        options.put("s3.directory.marker.retention", "keep");
        return options;
    }

    /** Kills the server at once (SIGKILL), as a crash would; its objects stay on disk. */
    public void kill() {
        try {
            process.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a new server on this one's port, folder, bucket and credentials, keeping every object:
     * what clients see after an S3 outage. This one must have stopped.
     */
    public S3Service restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the S3 server on port " + port + " is still running");
        }
        return launch(
                home, home.resolve("s3proxy.jar"), storage, port, bucket, accessKey, secretKey);
    }

    @Override
    public void close() {
        process.close();
    }
}
