package io.cdclake.cli;

import io.cdclake.reader.LakeStore;
import io.cdclake.reader.S3Access;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the lake is and how to reach its S3, the same options for every command that reads the lake
 * ({@code verify}, {@code query}): {@code --lake}, {@code --s3-endpoint}, {@code
 * --s3-access-key-env}, {@code --s3-secret-key-env}, {@code --work-dir}. Credentials come only from
 * environment variables, named by options.
 */
public final class LakeLocationOptions {

    /** A value the options cannot take, found after parsing. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    @Option(
            names = "--lake",
            paramLabel = "LAKE",
            required = true,
            description = "the lake root: s3://bucket[/base-path], file:///path or a local path")
    private String lake;

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            description = "S3 endpoint, e.g. http://localhost:9000 (path-style access)")
    private String s3Endpoint;

    @Option(
            names = "--s3-access-key-env",
            paramLabel = "NAME",
            description =
                    "environment variable holding the S3 access key (default AWS_ACCESS_KEY_ID)")
    private String s3AccessKeyEnv;

    @Option(
            names = "--s3-secret-key-env",
            paramLabel = "NAME",
            description =
                    "environment variable holding the S3 secret key (default"
                            + " AWS_SECRET_ACCESS_KEY)")
    private String s3SecretKeyEnv;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description =
                    "where part files of a lake in S3 are cached (default: a folder in the temp"
                            + " dir, the same for verify and query, so they share the downloads)")
    private Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "cdc-lake-verify");

    /** The lake root of {@code --lake}, as {@link #lakeRoot(String)} reads it. */
    public String lakeRoot() throws UsageException {
        return lakeRoot(lake);
    }

    /** The lake root as a URI without trailing slashes; a path without scheme is a local folder. */
    public static String lakeRoot(String lake) throws UsageException {
        String trimmed = lake.trim();
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--lake '" + lake + "' is not a URI: " + e.getMessage());
        }
        if (uri.getScheme() == null) {
            return Path.of(trimmed)
                    .toAbsolutePath()
                    .normalize()
                    .toUri()
                    .toString()
                    .replaceAll("/+$", "");
        }
        if (LakeStore.isS3(trimmed)
                && (uri.getAuthority() == null || uri.getAuthority().isEmpty())) {
            throw new UsageException(
                    "--lake '" + lake + "' names no bucket (s3://bucket[/base-path])");
        }
        return trimmed.replaceAll("/+$", "");
    }

    /** The store of the lake: S3 with a download cache in the work folder, or a local folder. */
    public LakeStore open(Map<String, String> env) throws UsageException {
        return LakeStore.open(lakeRoot(), s3Access(env), cacheDir());
    }

    /** The work folder: the download cache and files being written. */
    public Path workDir() {
        return workDir;
    }

    /** Where downloaded part files are kept. */
    public Path cacheDir() {
        return workDir.resolve("cache");
    }

    /** How to reach the lake's S3 with the credentials of the environment; null for a folder. */
    public S3Access s3Access(Map<String, String> env) throws UsageException {
        if (!LakeStore.isS3(lakeRoot())) {
            return null;
        }
        return new S3Access(
                s3Endpoint,
                credential(env, s3AccessKeyEnv, "--s3-access-key-env", "AWS_ACCESS_KEY_ID"),
                credential(env, s3SecretKeyEnv, "--s3-secret-key-env", "AWS_SECRET_ACCESS_KEY"),
                env.getOrDefault("AWS_REGION", S3Access.DEFAULT_REGION));
    }

    /** The S3 endpoint given, or null. */
    public String s3Endpoint() {
        return s3Endpoint;
    }

    /**
     * The value of the variable the option names (required to be set), else of the default variable
     * (optional).
     */
    private static String credential(
            Map<String, String> env, String variable, String option, String defaultVariable)
            throws UsageException {
        if (variable == null) {
            return env.get(defaultVariable);
        }
        String value = env.get(variable);
        if (value == null) {
            throw new UsageException(
                    "environment variable " + variable + " (" + option + ") is not set");
        }
        return value;
    }
}
