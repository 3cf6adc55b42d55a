package org.tunerd.tests.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker in a child JVM, bound to 127.0.0.1.
 *
 * <p>The broker keeps its port and log directory across {@link #stop()} and {@link #start()}, so a test
 * can take it away and bring it back with its data. The classpath comes from the file Maven writes at
 * build time (system property {@code tunerd.kafka.classpath}); the work directory from
 * {@code tunerd.test.work}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;
    private int starts;

    private KafkaBroker(Path dir, int port, int controllerPort, String classpath) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    /** Formats a fresh log directory and starts the broker; returns once it accepts connections. */
    public static KafkaBroker startNew() {
        String cpFile = System.getProperty("tunerd.kafka.classpath");
        if (cpFile == null) {
            throw new IllegalStateException("system property tunerd.kafka.classpath is not set (run through Maven)");
        }
        String work = System.getProperty("tunerd.test.work", "target/kafka-work");
        try {
            String cp = Files.readString(Paths.get(cpFile), StandardCharsets.UTF_8).trim();
            Path root = Files.createDirectories(Paths.get(work));
            Path dir = Files.createTempDirectory(root, "broker-");
            KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort(), cp);
            broker.format();
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka broker: " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    private void format() throws IOException {
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.cleaner.dedupe.buffer.size=4194304",
                "log.cleaner.backoff.ms=1000",
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="F" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{30} - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="F"/></root>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                </configuration>
                """.formatted(dir.resolve("broker.log")), StandardCharsets.UTF_8);
        int rc = run(List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + randomClusterId(), "-c",
                props.toString()) /* "=": a base64 id may start with '-' */, dir.resolve("format.out"));
        if (rc != 0) {
            throw new IllegalStateException("kafka StorageTool format exited with " + rc + ", see "
                    + dir.resolve("format.out") + ": " + Files.readString(dir.resolve("format.out")));
        }
    }

    private static String randomClusterId() {
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** Starts (or restarts) the broker on the same port and log directory; returns once it is ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker already running");
        }
        try {
            starts++;
            process = launch(List.of("kafka.Kafka", dir.resolve("server.properties").toString()),
                    dir.resolve("broker-" + starts + ".out"));
            waitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker with SIGTERM (a clean shutdown), waiting until the process has gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warn("broker did not stop within 30 s, killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        waitPortFree();
    }

    /**
     * Kills the broker with SIGKILL (no shutdown: no final flush, no controlled leadership handover), waiting
     * until the process has gone; {@link #start()} then recovers its log directory.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("broker survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        waitPortFree();
    }

    @Override
    public void close() {
        stop();
    }

    private void waitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ", see "
                        + dir.resolve("broker-" + starts + ".out") + " and " + dir.resolve("broker.log"));
            }
            if (canConnect() && answersMetadata()) {
                LOG.info("Kafka broker ready at {} (start #{})", bootstrapServers(), starts);
                return;
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("Kafka broker not ready within " + READY_TIMEOUT + ", see " + dir);
    }

    private boolean answersMetadata() {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("request.timeout.ms", "2000");
        p.put("default.api.timeout.ms", "3000");
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private boolean canConnect() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void waitPortFree() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && canConnect()) {
            sleep(100);
        }
    }

    private int run(List<String> args, Path out) throws IOException {
        Process p = launch(args, out);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(args.get(0) + " did not finish within 120 s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Process launch(List<String> args, Path out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-Xms64m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
