package io.cdclake.commandline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project's version, written into a resource by the build. */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/cdc-lake-version.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        }
        return new String[] {"cdc-lake " + properties.getProperty("version")};
    }
}
