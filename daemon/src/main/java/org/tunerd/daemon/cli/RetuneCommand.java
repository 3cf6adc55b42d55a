package org.tunerd.daemon.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.ConfigProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunerd retune}: asks the running daemon to tune the current environment again ({@code POST /retune}). */
@Command(name = "retune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Asks the running daemon to start a new tuning session for the current environment.",
                "Uses the HTTP API with the bearer token of the configuration (http.token or http.tokenFile), so "
                        + "it needs to read /etc/tunerd/tunerd.yaml (root or group tunerd)."})
public final class RetuneCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verboseOption;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--reason", paramLabel = "<text>", description = "Why, recorded in the events (default: ${DEFAULT-VALUE}).")
    String reason = "operator (tunerd retune)";

    @Override
    public Integer call() {
        String source = config.source();
        DaemonApi api = config.api();
        if (!api.hasToken()) {
            throw new ConfigException(source, List.of(new ConfigProblem("http.token",
                    "is not set: retuning needs the bearer token (http.token or http.tokenFile)")));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("reason", reason);
        DaemonApi.Answer answer = api.post("/retune", body);
        PrintWriter out = spec.commandLine().getOut();
        String message = answer.body().path("message").asText(answer.body().path("error").asText(answer.text()));
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(api.base() + "/retune answered HTTP " + answer.status() + ": " + message);
        }
        out.println("retune " + answer.body().path("outcome").asText("accepted") + ": " + message);
        out.flush();
        return 0;
    }
}
