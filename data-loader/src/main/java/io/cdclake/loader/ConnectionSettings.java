package io.cdclake.loader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/** Where and as whom to connect. The password is never part of {@link #toString()}. */
public record ConnectionSettings(String jdbcUrl, String user, String password) {

    public ConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
    }

    public Connection connect() throws SQLException {
        return connect(new Properties());
    }

    /** Connects with extra driver properties, e.g. {@code reWriteBatchedInserts}. */
    public Connection connect(Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(extra);
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "cdc-lake data-loader");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public String toString() {
        int query = jdbcUrl.indexOf('?');
        // Query parameters may carry a password; keep them out of logs.
        return (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...") + " as " + user;
    }
}
