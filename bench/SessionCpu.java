import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a tunerd jar's CLI in this JVM and reports the CPU time of the tuning thread ({@code tunerd-tuning})
 * per tuning session. Not part of the product: a measuring harness for {@code bench/session-cpu.sh}.
 *
 * <p>A session ends when {@code tunerd simulate}'s printer writes its "measurements:" line, which it does
 * on the tuning thread from {@code TuningListener.finished}; the session's CPU time is the tuning thread's
 * CPU time then, minus its CPU time at the end of the previous session on the same thread (a restarted
 * daemon has a new thread, counted from 0). Usage: {@code java SessionCpu <jar> <tunerd arguments...>};
 * the CLI's output goes to stdout as usual, one line {@code session-cpu <n> <seconds> process <seconds>} per
 * session to stderr: the tuning thread's CPU time, and the whole process's since the previous session ended
 * (the first: since start-up, so it includes seeding the store, JIT compilation and the daemon's start).
 */
public final class SessionCpu {

    private static final byte[] MARK = "    measurements:".getBytes(StandardCharsets.UTF_8);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final List<Double> SESSIONS = new ArrayList<>();
    private static final List<Double> PROCESS_SESSIONS = new ArrayList<>();
    private static final java.util.Map<Long, Long> LAST = new java.util.HashMap<>();
    private static long lastProcess;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java SessionCpu <tunerd.jar> <tunerd arguments...>");
            System.exit(2);
        }
        THREADS.setThreadCpuTimeEnabled(true);
        PrintStream realErr = System.err;
        System.setOut(new PrintStream(new Marking(System.out), true, StandardCharsets.UTF_8));
        URL jar = Path.of(args[0]).toUri().toURL();
        int rc;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> tunerd = Class.forName("org.tunerd.daemon.cli.Tunerd", true, loader);
            Object commandLine = tunerd.getMethod("commandLine").invoke(null);
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            rc = (Integer) commandLine.getClass().getMethod("execute", String[].class).invoke(commandLine, (Object) rest);
        }
        System.out.flush();
        synchronized (SESSIONS) {
            double total = 0;
            for (int i = 0; i < SESSIONS.size(); i++) {
                realErr.printf(Locale.ROOT, "session-cpu %d %.3f process %.3f%n", i + 1, SESSIONS.get(i),
                        PROCESS_SESSIONS.get(i));
                total += SESSIONS.get(i);
            }
            realErr.printf(Locale.ROOT, "session-cpu total %.3f%n", total);
        }
        System.exit(rc);
    }

    /** Passes bytes through; records the tuning thread's CPU time when it writes the session's last lines. */
    private static final class Marking extends FilterOutputStream {
        Marking(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Thread t = Thread.currentThread();
            if (t.getName().equals("tunerd-tuning") && contains(b, off, len)) {
                long now = THREADS.getCurrentThreadCpuTime();
                long process = PROCESS.getProcessCpuTime();
                synchronized (SESSIONS) {
                    long before = LAST.getOrDefault(t.getId(), 0L);
                    LAST.put(t.getId(), now);
                    SESSIONS.add((now - before) / 1e9);
                    PROCESS_SESSIONS.add((process - lastProcess) / 1e9);
                    lastProcess = process;
                }
            }
            out.write(b, off, len);
        }

        private static boolean contains(byte[] b, int off, int len) {
            outer:
            for (int i = off; i <= off + len - MARK.length; i++) {
                for (int j = 0; j < MARK.length; j++) {
                    if (b[i + j] != MARK[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
