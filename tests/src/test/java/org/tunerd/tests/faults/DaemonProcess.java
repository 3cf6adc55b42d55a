package org.tunerd.tests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code tunerd} as the service runs it: the product jar ({@code daemon/target/tunerd.jar}, built by the
 * daemon module's package phase; system property {@code tunerd.daemon.target}) in a child JVM, one log file
 * per start. {@link #kill()} is SIGKILL ({@link Process#destroyForcibly()}), {@link #stop()} SIGTERM as
 * {@code systemctl stop} sends it.
 */
final class DaemonProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path config;
    private final Path logs;
    private final int httpPort;
    private final String token;
    private Process process;
    private int starts;

    DaemonProcess(Path config, Path logs, int httpPort, String token) {
        this.config = config;
        this.logs = logs;
        this.httpPort = httpPort;
        this.token = token;
    }

    static Path jar() {
        Path jar = Paths.get(System.getProperty("tunerd.daemon.target", "../daemon/target"), "tunerd.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: the daemon module's package phase "
                    + "builds it (mvn -B verify, or -pl tests -am)");
        }
        return jar;
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code tunerd run -c <config>}; returns at once (the daemon is not ready yet). */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the daemon is already running");
        }
        starts++;
        try {
            Files.createDirectories(logs);
            process = new ProcessBuilder(java("run", "-c", config.toString()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The log of the latest start. */
    Path log() {
        return logs.resolve("daemon-" + starts + ".log");
    }

    String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Whether the HTTP API answers {@code GET /status} (the daemon is up). */
    boolean answers() {
        return get("/status").isPresent();
    }

    /** The body of {@code GET path}, if the daemon answered 200. */
    Optional<String> get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /retune} with the bearer token; returns the HTTP status. */
    int retune(String reason) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(uri("/retune")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}")).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** SIGKILL, then waits until the process has gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the daemon survived SIGKILL for 60 s");
        }
    }

    /** SIGTERM; returns the exit status once the process has gone (fails after 60 s). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the daemon did not stop within 60 s of SIGTERM; log:\n" + logText());
        }
        return process.exitValue();
    }

    /** Runs {@code tunerd <args> -c <config>} to completion; returns its exit status and output. */
    Run runCommand(String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("-c");
        a.add(config.toString());
        Path out = logs.resolve("command-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(java(a.toArray(String[]::new)))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("tunerd " + a + " did not finish within 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** A finished command. */
    record Run(int exit, String output) {
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
