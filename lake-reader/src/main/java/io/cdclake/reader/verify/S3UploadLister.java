package io.cdclake.reader.verify;

import io.cdclake.reader.S3Access;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Lists incomplete S3 multipart uploads (ListMultipartUploads). Flink's file system API has no such
 * call, and Flink's S3 writer starts an upload for every part file it writes: one that was never
 * completed or aborted stays, unseen by object listings, until something aborts it.
 */
public final class S3UploadLister implements AutoCloseable {

    /** An incomplete upload: the key it would create and when it was started. */
    record Upload(String key, Instant initiated) {}

    private final S3Client client;

    public S3UploadLister(S3Access access) {
        this.client = access.client();
    }

    /** Every incomplete upload in {@code bucket} whose key starts with {@code prefix}. */
    List<Upload> list(String bucket, String prefix) throws IOException {
        List<Upload> uploads = new ArrayList<>();
        try {
            ListMultipartUploadsRequest request =
                    ListMultipartUploadsRequest.builder().bucket(bucket).prefix(prefix).build();
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(request).uploads()) {
                uploads.add(new Upload(upload.key(), upload.initiated()));
            }
        } catch (SdkException e) {
            throw new IOException(
                    "ListMultipartUploads on bucket " + bucket + " failed: " + e.getMessage(), e);
        }
        return uploads;
    }

    @Override
    public void close() {
        client.close();
    }
}
