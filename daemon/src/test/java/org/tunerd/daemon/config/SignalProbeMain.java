package org.tunerd.daemon.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Prints whether a ConfigWatcher could install its SIGHUP handler in this JVM (run by {@link SighupIgnoredTest}). */
public final class SignalProbeMain {

    private SignalProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Files.writeString(Path.of(args[0]), "policy: {budget: 10}\n");
        ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> "dev");
        try (ConfigWatcher w = new ConfigWatcher(file, loader, loader.load(file), new ConfigWatcher.Listener() {
            @Override
            public void reloaded(TunerConfig previous, TunerConfig current, ConfigWatcher.Cause cause) {
                System.out.println("reloaded " + cause);
            }

            @Override
            public void rejected(Path f, List<ConfigProblem> problems, ConfigWatcher.Cause cause) {
            }
        })) {
            w.start();
            System.out.println("installed=" + w.signalHandlerInstalled());
        }
    }
}
