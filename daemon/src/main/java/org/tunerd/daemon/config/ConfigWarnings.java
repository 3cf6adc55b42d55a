package org.tunerd.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.space.Budget;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * Valid settings that are probably not what the operator meant, for a warning at start-up: the HTTP API on a
 * non-loopback address without a token, a budget larger than the device's space.
 */
public final class ConfigWarnings {

    private ConfigWarnings() {
    }

    /** One sentence per doubtful setting, naming the field; empty when there is none. */
    public static List<String> of(TunerConfig config, ConfigurationSpace space) {
        List<String> out = new ArrayList<>();
        HttpSettings http = config.http();
        if (http.enabled() && http.token().isEmpty() && !loopback(http.host())) {
            out.add("http.host " + http.host() + " serves the API beyond this machine without http.token: every GET "
                    + "view (status, configuration, model) is readable from the network, and mutating calls are "
                    + "refused (403) until a token is set");
        }
        Budget budget = config.policy().budget();
        if (!budget.isFraction() && budget.count() > space.size()) {
            out.add("policy.budget " + budget.count() + " is larger than the device's space of " + space.size()
                    + " configurations: a session measures at most " + space.size());
        }
        return out;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
