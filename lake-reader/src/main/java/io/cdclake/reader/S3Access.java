package io.cdclake.reader;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach the lake's S3. The AWS SDK's client, not Flink's S3 file system: a command-line tool
 * should not load Hadoop and a Flink plugin to list and download files, and the same client lists
 * incomplete multipart uploads, which Flink's file system API cannot. Credentials are never printed
 * ({@link #toString} leaves them out).
 *
 * @param endpoint the S3 endpoint, path-style; null for AWS itself
 * @param accessKey with {@code secretKey} the credentials; null for the SDK's default chain
 * @param region the signing region
 */
public record S3Access(String endpoint, String accessKey, String secretKey, String region) {

    public static final String DEFAULT_REGION = "us-east-1";

    /** AWS itself, credentials and region from the SDK's defaults. */
    public static S3Access defaults() {
        String region = System.getenv("AWS_REGION");
        return new S3Access(null, null, null, region == null ? DEFAULT_REGION : region);
    }

    public S3Client client() {
        AwsCredentialsProvider credentials =
                accessKey != null && secretKey != null
                        ? StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(accessKey, secretKey))
                        : DefaultCredentialsProvider.builder().build();
        var builder =
                S3Client.builder()
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        // Checksums only where S3 requires them: S3-compatible servers (s3proxy,
                        // older
                        // MinIO) reject the SDK's default trailing checksums.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .credentialsProvider(credentials)
                        .region(Region.of(region == null ? DEFAULT_REGION : region));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "S3Access[endpoint=" + endpoint + ", region=" + region + "]";
    }
}
