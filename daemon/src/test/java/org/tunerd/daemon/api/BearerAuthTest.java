package org.tunerd.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerAuthTest {

    @Test
    void bearerTokens() {
        BearerAuth auth = new BearerAuth(Optional.of("0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.ALLOWED, auth.check("Bearer 0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.ALLOWED, auth.check("bearer 0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.UNAUTHORIZED, auth.check("Bearer 0123456789abcde"));
        assertEquals(BearerAuth.Verdict.UNAUTHORIZED, auth.check("Basic 0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.UNAUTHORIZED, auth.check(null));
        assertEquals(BearerAuth.Verdict.NO_TOKEN_CONFIGURED, new BearerAuth(Optional.empty()).check("Bearer x"));
    }
}
