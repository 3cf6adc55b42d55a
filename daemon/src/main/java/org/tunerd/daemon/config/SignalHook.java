package org.tunerd.daemon.config;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Installs a POSIX signal handler through {@code sun.misc.Signal} (module jdk.unsupported), looked up
 * reflectively so a JVM without it (or running with -Xrs) fails here with an exception the caller can
 * log, instead of failing to load the class. A signal the process inherited as ignored cannot be handled (the JVM
 * leaves it ignored and drops the handler silently): {@link #install} then fails instead of pretending.
 */
final class SignalHook {

    private SignalHook() {
    }

    /**
     * Runs {@code action} whenever {@code signal} (e.g. {@code HUP}) arrives; returns the previous handler
     * (an opaque object for {@link #restore}).
     */
    static Object install(String signal, Runnable action) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        Object handler = Proxy.newProxyInstance(SignalHook.class.getClassLoader(), new Class<?>[] {handlerClass},
                (proxy, method, args) -> {
                    if ("handle".equals(method.getName())) {
                        action.run();
                        return null;
                    }
                    return switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "tunerd " + signal + " handler";
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
        Object previous = handle(signalClass, handlerClass, signal, handler);
        Object ignored = handlerClass.getField("SIG_IGN").get(null);
        if (ignored.equals(previous)) {
            // The process was started with the signal ignored (nohup, a shell's trap ''): the JVM keeps it
            // ignored whatever handler is registered, so ours would never run. Put the disposition back.
            handle(signalClass, handlerClass, signal, previous);
            throw new IllegalStateException("SIG" + signal + " is ignored by the process that started this JVM "
                    + "(nohup?), so no handler can receive it");
        }
        return previous;
    }

    /** Puts back a handler returned by {@link #install}. */
    static void restore(String signal, Object previous) throws ReflectiveOperationException {
        if (previous != null) {
            handle(Class.forName("sun.misc.Signal"), Class.forName("sun.misc.SignalHandler"), signal, previous);
        }
    }

    private static Object handle(Class<?> signalClass, Class<?> handlerClass, String signal, Object handler)
            throws ReflectiveOperationException {
        Object sig = signalClass.getConstructor(String.class).newInstance(signal);
        Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
        try {
            return handle.invoke(null, sig, handler);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw e;
        }
    }
}
