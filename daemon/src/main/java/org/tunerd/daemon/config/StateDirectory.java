package org.tunerd.daemon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in default of {@code store.dir}, one rule for the service and every command:
 * <ol>
 *   <li>{@code $STATE_DIRECTORY} (set by systemd's {@code StateDirectory=}; the first of a {@code :} list);</li>
 *   <li>{@value #SYSTEM_DIR} when run as root or as the service user {@value #SERVICE_USER};</li>
 *   <li>otherwise {@code $XDG_STATE_HOME/tunerd}, by default {@code ~/.local/state/tunerd}.</li>
 * </ol>
 * An explicit {@code store.dir} in the file, or {@code --state-dir} on the command line, wins over all.
 */
public final class StateDirectory {

    public static final String SYSTEM_DIR = "/var/lib/tunerd";
    public static final String SERVICE_USER = "tunerd";
    /** The rule in one sentence, for help texts. */
    public static final String RULE = "$STATE_DIRECTORY under systemd, " + SYSTEM_DIR + " as root or user "
            + SERVICE_USER + ", else $XDG_STATE_HOME/tunerd (~/.local/state/tunerd)";

    /**
     * Who runs the process, as far as the default depends on it.
     *
     * @param name user name
     * @param root true for uid 0
     * @param home the home directory, if known
     */
    public record ProcessUser(String name, boolean root, Optional<Path> home) {

        /** This process's user. */
        public static ProcessUser current() {
            String name = System.getProperty("user.name", "");
            boolean root;
            try {
                root = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
                root = name.equals("root");
            }
            String home = System.getProperty("user.home", "");
            return new ProcessUser(name, root, home.isBlank() || home.equals("?") ? Optional.empty() : Optional.of(Path.of(home)));
        }
    }

    private StateDirectory() {
    }

    /** The default state directory for {@code user} in {@code environment}. */
    public static Path defaultFor(Map<String, String> environment, ProcessUser user) {
        String systemd = environment.getOrDefault("STATE_DIRECTORY", "").split(":")[0];
        if (!systemd.isBlank()) {
            return Path.of(systemd);
        }
        if (user.root() || SERVICE_USER.equals(user.name())) {
            return Path.of(SYSTEM_DIR);
        }
        String xdg = environment.getOrDefault("XDG_STATE_HOME", "");
        if (!xdg.isBlank() && Path.of(xdg).isAbsolute()) { // the XDG spec: a relative value is to be ignored
            return Path.of(xdg, "tunerd");
        }
        return user.home().map(h -> h.resolve(".local/state/tunerd")).orElse(Path.of(SYSTEM_DIR));
    }
}
