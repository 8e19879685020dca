package io.cdclake.cluster;

import io.cdclake.stack.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink session cluster started the way bin/jobmanager.sh and bin/taskmanager.sh start one: a
 * JobManager and a TaskManager, each in its own JVM with lib/ as its classpath, configured by
 * conf/config.yaml, with the S3 file system as a plugin.
 */
public final class StandaloneCluster implements AutoCloseable {

    public static final int SLOTS = 2;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    /** Starts with fresh ports after a port was taken before Flink bound it. */
    private static final int START_ATTEMPTS = 3;

    /** What the distribution's config.yaml sets for Java 17 (env.java.opts.all). */
    private static final String JAVA_17_OPTIONS =
            String.join(
                    " ",
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final FlinkDistribution dist;
    private final Path home;
    private final URI restUrl;
    private final List<ChildJvm> processes = new ArrayList<>();
    private Configuration flinkConf;
    private ChildJvm taskManager;
    private int taskManagers;

    private StandaloneCluster(FlinkDistribution dist, Path home, URI restUrl) {
        this.dist = dist;
        this.home = home;
        this.restUrl = restUrl;
    }

    /**
     * Writes {@code home/conf} and starts the JobManager and one TaskManager with {@value #SLOTS}
     * slots; returns once the TaskManager has registered.
     *
     * @param options added to config.yaml, e.g. the S3 options
     */
    public static StandaloneCluster start(
            FlinkDistribution dist, Path home, Map<String, String> options) throws Exception {
        return start(dist, home, options, StandaloneCluster::freePort);
    }

    /**
     * As {@link #start(FlinkDistribution, Path, Map)}, the JobManager's ports from {@code ports}.
     */
    static StandaloneCluster start(
            FlinkDistribution dist, Path home, Map<String, String> options, IntSupplier ports)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dist, home, options, ports);
            } catch (IllegalStateException e) {
                Path logDir = home.resolve("log");
                if (!BindFailure.retry(attempt, START_ATTEMPTS, BindFailure.logs(logDir))) {
                    throw e;
                }
                // The next attempt appends to fresh logs, so that this one's BindException is not
                // read as the next one's.
                Path aside = Files.createTempDirectory(home, "failed-start-" + attempt + "-");
                Files.move(logDir, aside.resolve("log"));
            }
        }
    }

    /** Picks free ports, and starts with them. */
    private static StandaloneCluster startOnce(
            FlinkDistribution dist, Path home, Map<String, String> options, IntSupplier ports)
            throws Exception {
        int restPort = ports.getAsInt();
        Map<String, String> conf = configuration(home, restPort, ports.getAsInt());
        conf.putAll(options);
        writeConfDir(home.resolve("conf"), conf);
        StandaloneCluster cluster =
                new StandaloneCluster(dist, home, URI.create("http://127.0.0.1:" + restPort));
        try {
            Configuration flinkConf = Configuration.fromMap(conf);
            cluster.flinkConf = flinkConf;
            JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(flinkConf);
            cluster.startDaemon(
                    "jobmanager",
                    JobManagerProcessUtils.generateJvmParametersStr(jm, flinkConf),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    JobManagerProcessUtils.generateDynamicConfigsStr(jm));
            cluster.startTaskManager();
            new FlinkRestClient(cluster.restUrl)
                    .awaitSlots(SLOTS, STARTUP_TIMEOUT, cluster::allAlive);
            // Another cluster may answer on a port this one's JobManager could not bind.
            if (!cluster.allAlive() || !cluster.restEndpointListening(restPort)) {
                throw new IllegalStateException("the JobManager does not serve " + cluster.restUrl);
            }
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw new IllegalStateException(
                    "Flink did not start; logs in " + home.resolve("log"), e);
        }
    }

    /**
     * Starts a TaskManager with {@value #SLOTS} slots, e.g. in place of a killed one; returns at
     * once, it registers with the JobManager on its own.
     */
    public void startTaskManager() throws IOException {
        TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
        String name = taskManagers++ == 0 ? "taskmanager" : "taskmanager-" + taskManagers;
        startDaemon(
                name,
                ProcessMemoryUtils.generateJvmParametersStr(tm),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                TaskExecutorProcessUtils.generateDynamicConfigsStr(tm));
        taskManager = processes.get(processes.size() - 1);
    }

    /**
     * {@code kill -9} of the running TaskManager: its tasks die without a word to the JobManager.
     */
    public void killTaskManager() throws InterruptedException {
        taskManager.kill();
        processes.remove(taskManager);
    }

    private static Map<String, String> configuration(Path home, int restPort, int rpcPort) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("env.java.opts.all", JAVA_17_OPTIONS);
        conf.put("jobmanager.rpc.address", "127.0.0.1");
        conf.put("jobmanager.rpc.port", String.valueOf(rpcPort));
        conf.put("jobmanager.bind-host", "127.0.0.1");
        conf.put("taskmanager.bind-host", "127.0.0.1");
        conf.put("taskmanager.host", "127.0.0.1");
        conf.put("rest.address", "127.0.0.1");
        conf.put("rest.bind-address", "127.0.0.1");
        conf.put("rest.port", String.valueOf(restPort));
        conf.put("taskmanager.numberOfTaskSlots", String.valueOf(SLOTS));
        conf.put("parallelism.default", "1");
        // Small and explicit, so both heaps stay at 256 MB on a machine shared with other builds.
        conf.put("jobmanager.memory.heap.size", "256m");
        conf.put("jobmanager.memory.off-heap.size", "64m");
        conf.put("jobmanager.memory.jvm-metaspace.size", "192m");
        conf.put("jobmanager.memory.jvm-overhead.min", "64m");
        conf.put("jobmanager.memory.jvm-overhead.max", "64m");
        conf.put("taskmanager.memory.framework.heap.size", "64m");
        conf.put("taskmanager.memory.task.heap.size", "192m");
        conf.put("taskmanager.memory.managed.size", "32m");
        conf.put("taskmanager.memory.network.min", "32m");
        conf.put("taskmanager.memory.network.max", "32m");
        conf.put("taskmanager.memory.framework.off-heap.size", "64m");
        conf.put("taskmanager.memory.task.off-heap.size", "0m");
        conf.put("taskmanager.memory.jvm-metaspace.size", "256m");
        conf.put("taskmanager.memory.jvm-overhead.min", "64m");
        conf.put("taskmanager.memory.jvm-overhead.max", "64m");
        conf.put("io.tmp.dirs", home.resolve("tmp").toString());
        conf.put("web.upload.dir", home.resolve("web-upload").toString());
        return conf;
    }

    private static void writeConfDir(Path confDir, Map<String, String> conf) throws IOException {
        Files.createDirectories(confDir);
        StringBuilder yaml = new StringBuilder();
        conf.forEach(
                (k, v) -> yaml.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        Files.writeString(confDir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(
                confDir.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = MainAppender",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        "logger.hadoop.name = org.apache.hadoop",
                        "logger.hadoop.level = WARN",
                        "appender.main.name = MainAppender",
                        "appender.main.type = File",
                        "appender.main.append = true",
                        "appender.main.fileName = ${sys:log.file}",
                        "appender.main.layout.type = PatternLayout",
                        "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-50c{1.} %x - %m%n",
                        ""),
                StandardCharsets.UTF_8);
    }

    private void startDaemon(
            String name, String memoryOptions, String mainClass, String dynamicConfigs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--configDir", confDir().toString()));
        args.addAll(Arrays.asList(dynamicConfigs.trim().split("\\s+")));
        processes.add(
                ChildJvm.builder(name, mainClass)
                        .workDir(home)
                        .jvmOptions(jvmOptions(name, memoryOptions))
                        .classpath(dist.classpath())
                        .environment(environment())
                        .args(args)
                        .start());
    }

    /** JVM options of a Flink process named {@code name}, as the scripts build them. */
    List<String> jvmOptions(String name, String memoryOptions) {
        List<String> options = new ArrayList<>(Arrays.asList(memoryOptions.trim().split("\\s+")));
        options.addAll(Arrays.asList(JAVA_17_OPTIONS.split(" ")));
        // Fewer JIT and GC threads: the machine running the tests has two cores.
        options.add("-XX:+UseSerialGC");
        options.add("-XX:TieredStopAtLevel=1");
        options.add("-Dlog.file=" + home.resolve("log").resolve(name + ".log"));
        options.add("-Dlog4j.configurationFile=file:" + confDir().resolve("log4j.properties"));
        return options;
    }

    /**
     * FLINK_CONF_DIR and FLINK_PLUGINS_DIR, as bin/config.sh exports them; and quiet the S3
     * plugin's AWS SDK v1.
     */
    Map<String, String> environment() {
        return Map.of(
                "AWS_JAVA_V1_DISABLE_DEPRECATION_ANNOUNCEMENT", "true",
                "FLINK_CONF_DIR", confDir().toString(),
                "FLINK_PLUGINS_DIR", dist.plugins().toString(),
                "FLINK_LIB_DIR", dist.lib().toString());
    }

    public Path home() {
        return home;
    }

    Path confDir() {
        return home.resolve("conf");
    }

    public URI restUrl() {
        return restUrl;
    }

    public FlinkDistribution distribution() {
        return dist;
    }

    /** Whether this cluster's JobManager logged that its REST endpoint listens on {@code port}. */
    private boolean restEndpointListening(int port) {
        return Pattern.compile("Rest endpoint listening at \\S+:" + port + "\\b")
                .matcher(BindFailure.logs(home.resolve("log")))
                .find();
    }

    private boolean allAlive() {
        return processes.stream().allMatch(ChildJvm::isAlive);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Stops the TaskManager, then the JobManager. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
    }
}
