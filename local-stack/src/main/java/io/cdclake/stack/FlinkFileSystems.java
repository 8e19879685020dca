package io.cdclake.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginManager;

/**
 * Makes {@code s3://} paths work in this JVM the way a Flink distribution does: the S3 file system
 * is loaded as a plugin, in its own class loader.
 *
 * <p>flink-s3-fs-hadoop bundles unrelocated Guava and Jackson classes; on the application classpath
 * they break Kafka Connect and Flink's own code.
 */
public final class FlinkFileSystems {

    static final String S3_JAR_RESOURCE = "cdclake-isolated/flink-s3-fs-hadoop.jar";

    /**
     * The folder of a work folder the plugin is installed in. It stays while the JVM runs: the
     * plugin's class loader reads its jar as classes are first used.
     */
    public static final String PLUGINS_FOLDER = "flink-plugins";

    private static PluginManager pluginManager;
    private static Path pluginJar;
    private static Map<String, String> appliedConfiguration;

    private FlinkFileSystems() {}

    /**
     * Installs the S3 file system plugin under {@code workDir/}{@value #PLUGINS_FOLDER}{@code
     * /s3-fs-hadoop/} and initializes Flink's file systems with {@code conf} (its {@code s3.*}
     * options configure S3).
     *
     * <p>The plugin is installed once per JVM; later calls only re-initialize when {@code conf}
     * differs from the last one applied (a new stack with another S3 endpoint, say), or install it
     * again when the earlier work folder has been deleted (as test folders are): Flink opens the
     * plugin jar anew at every initialization.
     */
    public static synchronized void initializeWithS3(Configuration conf, Path workDir)
            throws IOException {
        if (pluginManager == null || !Files.isRegularFile(pluginJar)) {
            // The AWS SDK v1 inside the plugin prints a stack trace to stderr on first use unless
            // told not to.
            if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
                System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
            }
            Path pluginsRoot = workDir.resolve(PLUGINS_FOLDER).toAbsolutePath();
            pluginJar =
                    Dirs.extractResource(
                            S3_JAR_RESOURCE,
                            pluginsRoot.resolve("s3-fs-hadoop").resolve("flink-s3-fs-hadoop.jar"));
            pluginManager =
                    new DefaultPluginManager(
                            new DirectoryBasedPluginFinder(pluginsRoot).findPlugins(),
                            CoreOptions.getPluginParentFirstLoaderPatterns(conf));
            appliedConfiguration = null;
        }
        Map<String, String> requested = conf.toMap();
        if (!requested.equals(appliedConfiguration)) {
            FileSystem.initialize(conf, pluginManager);
            appliedConfiguration = requested;
        }
    }
}
