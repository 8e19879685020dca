package io.cdclake.cluster;

import io.cdclake.format.MetadataColumns;
import io.cdclake.job.testing.LakeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows the job committed under a lake root, each named by the Kafka record and image it came
 * from ({@code partition@offset/image}): equal names are duplicates, missing ones are losses.
 */
final class LakeRows {

    private LakeRows() {}

    static List<String> parquet(String root) throws IOException {
        return keys(LakeFiles.parquetRows(root + "/parquet"));
    }

    static List<String> csv(String root) throws IOException {
        return keys(LakeFiles.csvRows(root + "/csv"));
    }

    private static List<String> keys(List<Map<String, Object>> rows) {
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            keys.add(
                    row.get(MetadataColumns.PARTITION)
                            + "@"
                            + row.get(MetadataColumns.OFFSET)
                            + "/"
                            + row.get(MetadataColumns.IMAGE));
        }
        return keys;
    }
}
