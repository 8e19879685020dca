package io.cdclake.cluster;

import io.cdclake.job.decode.MetadataColumns;
import io.cdclake.job.testing.LakeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.Path;

/**
 * The rows the job committed under a lake root, each named by the Kafka record and image it came
 * from ({@code partition@offset/image}): equal names are duplicates, missing ones are losses.
 */
final class LakeRows {

    private LakeRows() {}

    static List<String> parquet(String root) throws IOException {
        List<String> keys = new ArrayList<>();
        for (Path file : LakeFiles.committed(root + "/parquet", ".parquet")) {
            for (Map<String, Object> row : LakeFiles.readParquet(file).rows()) {
                keys.add(row.get(MetadataColumns.PARTITION) + "@" + row.get(MetadataColumns.OFFSET) + "/" + row.get(MetadataColumns.IMAGE));
            }
        }
        return keys;
    }

    static List<String> csv(String root) throws IOException {
        List<String> keys = new ArrayList<>();
        for (Path file : LakeFiles.committed(root + "/csv", ".csv")) {
            List<List<String>> lines = LakeFiles.readCsv(file);
            List<String> header = lines.get(0);
            int partition = header.indexOf(MetadataColumns.PARTITION);
            int offset = header.indexOf(MetadataColumns.OFFSET);
            int image = header.indexOf(MetadataColumns.IMAGE);
            for (List<String> line : lines.subList(1, lines.size())) {
                keys.add(line.get(partition) + "@" + line.get(offset) + "/" + line.get(image));
            }
        }
        return keys;
    }
}
