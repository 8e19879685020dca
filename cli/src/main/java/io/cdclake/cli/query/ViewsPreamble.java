package io.cdclake.cli.query;

import io.cdclake.reader.LakeStore;
import io.cdclake.reader.replay.SqlDialect;

/**
 * The comment before printed view definitions: what they are, and for a lake in S3 what the engine
 * needs to reach it (credentials are never printed; the user fills them in).
 */
final class ViewsPreamble {

    private ViewsPreamble() {}

    static String of(SqlDialect dialect, String lakeRoot, String s3Endpoint) {
        StringBuilder text = new StringBuilder();
        text.append("-- The views of the cdc-lake lake ")
                .append(lakeRoot)
                .append(": \"<schema>\".\"<table>\" is the current state,\n")
                .append("-- \"<schema>\".\"<table>__changes\" every change. They name the part")
                .append(" files committed when printed:\n")
                .append("-- print them again to see newer files.\n");
        if (LakeStore.isS3(lakeRoot)) {
            if (dialect == SqlDialect.DUCKDB) {
                text.append("-- The files are in S3; first:\n")
                        .append("--   INSTALL httpfs; LOAD httpfs;\n")
                        .append("--   CREATE SECRET (TYPE s3, KEY_ID '...', SECRET '...'");
                if (s3Endpoint != null) {
                    String host = s3Endpoint.replaceFirst("^https?://", "");
                    text.append(", ENDPOINT '")
                            .append(host)
                            .append("', URL_STYLE 'path', USE_SSL ")
                            .append(s3Endpoint.startsWith("https") ? "true" : "false");
                }
                text.append(");\n");
            } else {
                text.append("-- The files are in S3, read through Hadoop's s3a:// file system:")
                        .append(" set spark.hadoop.fs.s3a.access.key and .secret.key");
                if (s3Endpoint != null) {
                    text.append(",\n--   spark.hadoop.fs.s3a.endpoint=")
                            .append(s3Endpoint)
                            .append(" and spark.hadoop.fs.s3a.path.style.access=true");
                }
                text.append(".\n");
            }
        }
        return text.append('\n').toString();
    }
}
