package org.tunerd.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP API.
 *
 * @param enabled   serve the API at all
 * @param host      address to bind; 127.0.0.1 unless the operator opens it up
 * @param port      TCP port (0 = any free port)
 * @param token     bearer token for mutating calls (read from {@code tokenFile} when that is set); empty =
 *                  mutating calls are refused
 * @param tokenFile where the token was read from, if it came from a file
 */
public record HttpSettings(boolean enabled, String host, int port, Optional<String> token, Optional<Path> tokenFile) {

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** Hides the token in logs. */
    @Override
    public String toString() {
        return "HttpSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", token="
                + (token.isPresent() ? "***" : "none") + ", tokenFile=" + tokenFile.map(Path::toString).orElse("none") + "]";
    }
}
