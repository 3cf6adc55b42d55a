package org.tunerd.daemon.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.config.ConfigTree;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.store.ModelJson;

/**
 * The HTTP API (Vert.x Web), bound to 127.0.0.1 unless configured otherwise.
 *
 * <pre>
 * GET    /status         StatusSnapshot
 * GET    /configuration  the board's current configuration, pin state, predicted and measured values
 * GET    /policy         the configuration file in force; no token needed: every value that may be a secret
 *                        (the token, command env values, Kafka properties outside a safe list) shows as ***
 * GET    /environment    the current environment (404 before one is known)
 * GET    /model          influence terms, accuracy so far (404 before a model is fitted)
 * GET    /predictions    whole-space predictions
 * GET    /pareto         latency/energy Pareto front of the predictions
 * GET    /health         200 UP / 503 DOWN with checks
 * GET    /metrics        Prometheus text format (OpenMetrics on request)
 * POST   /retune         {"reason": "..."} (optional)                       token required
 * POST   /workload       {"dnn": "...", "width": W, "height": H, "attributes": {...}}   token required
 * PUT    /pin            {"configuration": {"cores": 4, ..., "precision": "fp16"}}   token required;
 *                        a categorical option by its label (or its code); an unknown label is a 400
 * DELETE /pin                                                               token required
 * </pre>
 *
 * Mutating calls need {@code Authorization: Bearer <token>}: 401 without a matching token, 403 when no
 * token is configured at all. Bad bodies get 400 with the field named. View and action calls run on
 * worker threads ({@code executeBlocking}), never on the event loop.
 */
public final class ApiServer extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int BODY_LIMIT = 64 * 1024;
    private static final String JSON = "application/json; charset=utf-8";

    private final HttpSettings settings;
    private final TunerView view;
    private final TunerActions actions;
    private final MetricsExposition metrics;
    private volatile BearerAuth auth;
    private HttpServer server;

    public ApiServer(HttpSettings settings, TunerView view, TunerActions actions, TunerMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.view = Objects.requireNonNull(view, "view");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.metrics = new MetricsExposition(Objects.requireNonNull(metrics, "metrics").registry());
        this.auth = new BearerAuth(settings.token());
    }

    @Override
    public Future<?> start() {
        Router router = router();
        return vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()))
                .requestHandler(router)
                .listen()
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP API on http://{}:{} (mutating calls {})", settings.host(), s.actualPort(),
                            settings.token().isPresent() ? "need the bearer token" : "disabled: no token configured");
                });
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /**
     * Checks mutating calls against {@code token} from now on (a reloaded {@code http.token} or
     * {@code http.tokenFile}): the old token stops working at once; empty = mutating calls are refused.
     */
    public void useToken(java.util.Optional<String> token) {
        auth = new BearerAuth(token);
        LOG.info("HTTP API: mutating calls {}", token.isPresent() ? "need the new bearer token" : "disabled: no token configured");
    }

    /** The port listened on (useful with port 0); -1 before start. */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /**
     * The routes, served by {@link #start}; package-private so that a test can check that tunerd(8) documents
     * each. Needs the verticle deployed (its Vert.x instance).
     */
    Router router() {
        Router r = Router.router(vertx);
        r.get("/status").handler(ctx -> read(ctx, view::status, ApiJson::status));
        r.get("/configuration").handler(ctx -> read(ctx, view::status, ApiJson::currentConfiguration));
        r.get("/policy").handler(ctx -> read(ctx, view::config, c -> ConfigTree.toTree(c, true)));
        r.get("/environment").handler(ctx -> blocking(ctx, view::status).onSuccess(s -> s.environment().ifPresentOrElse(
                e -> send(ctx, 200, ModelJson.environment(e)),
                () -> send(ctx, 404, ApiJson.error("no environment known yet", null)))));
        r.get("/model").handler(ctx -> blocking(ctx, view::model).onSuccess(m -> m.ifPresentOrElse(
                x -> send(ctx, 200, ApiJson.model(x)),
                () -> send(ctx, 404, ApiJson.error("no model fitted yet", null)))));
        r.get("/predictions").handler(ctx -> read(ctx, view::predictions, ApiJson::predictions));
        r.get("/pareto").handler(ctx -> read(ctx, view::pareto, ApiJson::predictions));
        r.get("/health").handler(ctx -> blocking(ctx, view::health)
                .onSuccess(h -> send(ctx, h.healthy() ? 200 : 503, ApiJson.health(h))));
        r.get("/metrics").handler(ctx -> blocking(ctx, () -> metrics.scrape(ctx.request().getHeader("Accept")))
                .onSuccess(m -> ctx.response().setStatusCode(200).putHeader("Content-Type", m.contentType())
                        .end(Buffer.buffer(m.body()))));

        BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        r.post("/retune").handler(body).handler(this::authorize)
                .handler(ctx -> act(ctx, true, b -> actions.retune(ApiJson.reason(b))));
        r.post("/workload").handler(body).handler(this::authorize)
                .handler(ctx -> act(ctx, false, b -> actions.announce(ApiJson.announcement(b))));
        r.put("/pin").handler(body).handler(this::authorize)
                .handler(ctx -> act(ctx, false, b -> actions.pin(ApiJson.pin(b))));
        r.delete("/pin").handler(body).handler(this::authorize)
                .handler(ctx -> act(ctx, true, b -> {
                    ApiJson.onlyFields(b);
                    return actions.release();
                }));

        r.errorHandler(404, ctx -> send(ctx, 404, ApiJson.error("no such resource: " + ctx.request().path(), null)));
        r.errorHandler(405, ctx -> send(ctx, 405, ApiJson.error("method " + ctx.request().method()
                + " not allowed on " + ctx.request().path(), null)));
        r.errorHandler(413, ctx -> send(ctx, 413, ApiJson.error("body larger than " + BODY_LIMIT + " bytes", null)));
        r.errorHandler(500, ctx -> {
            LOG.error("HTTP {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            send(ctx, 500, ApiJson.error("internal error: " + (ctx.failure() == null ? "unknown" : ctx.failure()), null));
        });
        return r;
    }

    private void authorize(RoutingContext ctx) {
        switch (auth.check(ctx.request().getHeader("Authorization"))) {
            case ALLOWED -> ctx.next();
            case NO_TOKEN_CONFIGURED -> send(ctx, 403, ApiJson.error("mutating calls are disabled: no http.token or "
                    + "http.tokenFile is configured", null));
            default -> {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"tunerd\"");
                send(ctx, 401, ApiJson.error("missing or wrong bearer token (Authorization: Bearer <token>)", null));
            }
        }
    }

    private <T> void read(RoutingContext ctx, Callable<T> call, Function<T, JsonNode> render) {
        blocking(ctx, call).onSuccess(v -> send(ctx, 200, render.apply(v)));
    }

    private void act(RoutingContext ctx, boolean emptyBodyAllowed, Function<JsonNode, ActionResult> action) {
        JsonNode body;
        try {
            Buffer buffer = ctx.body().buffer();
            body = ApiJson.body(buffer == null ? null : buffer.getBytes(), emptyBodyAllowed);
        } catch (BadRequestException e) {
            send(ctx, 400, ApiJson.error(e.getMessage(), e.field()));
            return;
        }
        blocking(ctx, () -> action.apply(body)).onSuccess(r -> send(ctx, r.outcome().httpStatus(), ApiJson.action(r)));
    }

    /** Runs {@code call} on a worker; failures are answered here (400 for bad requests, 500 otherwise). */
    private <T> Future<T> blocking(RoutingContext ctx, Callable<T> call) {
        return vertx.executeBlocking(call, false).onFailure(e -> {
            if (e instanceof BadRequestException bad) {
                send(ctx, 400, ApiJson.error(bad.getMessage(), bad.field()));
            } else if (e instanceof IllegalArgumentException) {
                send(ctx, 400, ApiJson.error(e.getMessage(), null));
            } else {
                ctx.fail(500, e);
            }
        });
    }

    private static void send(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended()) {
            return;
        }
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", JSON)
                    .end(Buffer.buffer(ApiJson.MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(500, e);
        }
    }
}
