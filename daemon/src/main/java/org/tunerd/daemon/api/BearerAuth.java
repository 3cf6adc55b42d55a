package org.tunerd.daemon.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured token. Both sides are hashed
 * first and compared with {@link MessageDigest#isEqual}, so neither the content nor the length of the
 * token leaks through timing.
 */
final class BearerAuth {

    /** The outcome of a check. */
    enum Verdict { ALLOWED, NO_TOKEN_CONFIGURED, UNAUTHORIZED }

    private final Optional<byte[]> expected;

    BearerAuth(Optional<String> token) {
        this.expected = token.map(BearerAuth::sha256);
    }

    Verdict check(String authorizationHeader) {
        if (expected.isEmpty()) {
            return Verdict.NO_TOKEN_CONFIGURED;
        }
        if (authorizationHeader == null || authorizationHeader.length() < 7
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verdict.UNAUTHORIZED;
        }
        byte[] given = sha256(authorizationHeader.substring(7).trim());
        return MessageDigest.isEqual(expected.get(), given) ? Verdict.ALLOWED : Verdict.UNAUTHORIZED;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
