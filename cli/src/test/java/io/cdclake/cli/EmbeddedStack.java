package io.cdclake.cli;

import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.stack.LocalStack;
import io.cdclake.stack.testing.StackExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;

/**
 * The shared stack fixture ({@link StackExtension}) with what the command tests do on it: start the
 * job on its mini cluster and run {@code verify} and {@code query} on the lake the job writes.
 *
 * <pre>{@code @RegisterExtension static final EmbeddedStack STACK = EmbeddedStack.all("names");}
 * </pre>
 */
final class EmbeddedStack extends StackExtension {

    private EmbeddedStack(String name, UnaryOperator<LocalStack.Builder> services) {
        super(name, services);
    }

    /** Every service: PostgreSQL, Kafka, Kafka Connect, the S3 server and Flink. */
    public static EmbeddedStack all(String name) {
        return new EmbeddedStack(name, LocalStack.Builder::all);
    }

    /** The services {@code services} picks, e.g. {@code b -> b.postgres().kafka()}. */
    public static EmbeddedStack of(String name, UnaryOperator<LocalStack.Builder> services) {
        return new EmbeddedStack(name, services);
    }

    /**
     * The job on this stack's mini cluster at parallelism 1, reading this stack's Kafka into its
     * bucket under {@code basePath}, committing every second and looking for new topics every
     * second; {@code options} add to or override those, as key, value, key, value, ...
     */
    JobClient startJob(String basePath, String... options) throws Exception {
        LocalStack stack = stack();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap-servers", stack.kafka().bootstrapServers());
        config.put("kafka.partition-discovery-interval", "1 s");
        config.put("lake.bucket", stack.s3().bucket());
        config.put("lake.base-path", basePath);
        config.put("checkpoint.interval", "1 s");
        for (int i = 0; i + 1 < options.length; i += 2) {
            config.put(options[i], options[i + 1]);
        }
        return CdcLakeJob.start(stack.flink().environment(1), JobConfig.fromMap(config));
    }

    /** {@code s3://<bucket>/<basePath>}, the root of the lake a job of {@link #startJob} writes. */
    String lakeRoot(String basePath) {
        return "s3://" + stack().s3().bucket() + "/" + basePath;
    }

    /** {@code verify} and {@code query} on the lake a job of {@link #startJob} writes. */
    StackCommands commands(String basePath) {
        return new StackCommands(stack(), lakeRoot(basePath), workDir());
    }
}
