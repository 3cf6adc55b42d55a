package org.tunerd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.ConfigProblem;
import org.tunerd.daemon.config.HttpSettings;

/**
 * The HTTP API of the running daemon, for the commands that talk to it ({@code status}, {@code retune}):
 * the address comes from the configuration's {@code http} section (or {@code --url}), the bearer token for
 * mutating calls from {@code http.token}/{@code http.tokenFile}.
 */
final class DaemonApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** An answer: status and parsed JSON body. */
    record Answer(int status, JsonNode body, String text) {
    }

    private final URI base;
    private final Optional<String> token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    DaemonApi(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
    }

    /**
     * The API the configuration describes; a wildcard bind address is reached on the loopback.
     *
     * @throws ConfigException if the configuration turns the API off
     */
    static DaemonApi of(HttpSettings http, String source) {
        if (!http.enabled()) {
            throw new ConfigException(source, List.of(new ConfigProblem("http.enabled",
                    "is false: this command talks to the daemon's HTTP API")));
        }
        String host = switch (http.host()) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> http.host().contains(":") && !http.host().startsWith("[") ? "[" + http.host() + "]" : http.host();
        };
        return new DaemonApi(URI.create("http://" + host + ":" + http.port()), http.token());
    }

    URI base() {
        return base;
    }

    boolean hasToken() {
        return token.isPresent();
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return send(b);
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = JSON.createObjectNode();
            }
            return new Answer(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("no tunerd answers at " + r.uri() + " (" + Tunerd.describe(e)
                    + "); is it running? systemctl status tunerd");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + r.uri());
        }
    }
}
