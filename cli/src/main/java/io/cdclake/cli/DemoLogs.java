package io.cdclake.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Sends the logs of the demo's services to files under the demo's work folder, one per service
 * ({@value #CONFIGURATION} says which loggers go where), so that the console keeps the demo's story
 * and the errors that matter.
 */
final class DemoLogs {

    static final String CONFIGURATION = "log4j2-cdclake-demo.xml";

    /** Read by {@value #CONFIGURATION}. */
    static final String FOLDER_PROPERTY = "cdclake.demo.logs";

    private DemoLogs() {}

    /**
     * From now on this JVM logs to files in {@code folder}, which loses the logs of an earlier
     * demo, like its data; returns the folder as an absolute path.
     */
    static Path toFiles(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        try (Stream<Path> files = Files.list(absolute)) {
            for (Path log :
                    files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        }
        System.setProperty(FOLDER_PROPERTY, absolute.toString());
        URL configuration = DemoLogs.class.getClassLoader().getResource(CONFIGURATION);
        if (configuration == null) {
            throw new IllegalStateException(CONFIGURATION + " is missing from the classpath");
        }
        try {
            Configurator.reconfigure(configuration.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + configuration, e);
        }
        return absolute;
    }
}
