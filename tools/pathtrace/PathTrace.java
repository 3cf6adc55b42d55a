/*
 * A Java agent that records which tunerd methods run while a switch file exists. Every method of every
 * org.tunerd class gets a call at its entry (bytecode rewritten with the JDK's own ASM); while tracing is
 * on, the first call of each method is recorded with its order and thread. Used by run.sh to list the
 * files and packages on the path of one adaptation. Not part of the product.
 *
 * Agent argument: a folder. Tracing is on while <folder>/on exists (the agent answers with <folder>/on.ack);
 * creating <folder>/off writes <folder>/hits.tsv (order, thread, class, method) and <folder>/done.
 */
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.internal.org.objectweb.asm.ClassReader;
import jdk.internal.org.objectweb.asm.ClassVisitor;
import jdk.internal.org.objectweb.asm.ClassWriter;
import jdk.internal.org.objectweb.asm.MethodVisitor;
import jdk.internal.org.objectweb.asm.Opcodes;

public final class PathTrace {

    private static volatile boolean on;
    private static final AtomicLong ORDER = new AtomicLong();
    private static final Map<String, String> FIRST = new ConcurrentHashMap<>();

    public static void hit(String method) {
        if (on && !FIRST.containsKey(method)) {
            FIRST.putIfAbsent(method, ORDER.incrementAndGet() + "\t" + Thread.currentThread().getName());
        }
    }

    public static void premain(String args, Instrumentation inst) {
        Path dir = Path.of(args);
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> c, ProtectionDomain d, byte[] bytes) {
                if (name == null || !name.startsWith("org/tunerd/")) {
                    return null;
                }
                try {
                    ClassReader reader = new ClassReader(bytes);
                    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
                    reader.accept(new ClassVisitor(Opcodes.ASM8, writer) {
                        @Override
                        public MethodVisitor visitMethod(int access, String method, String desc, String sig,
                                                         String[] exceptions) {
                            MethodVisitor mv = super.visitMethod(access, method, desc, sig, exceptions);
                            String id = name.replace('/', '.') + "\t" + method;
                            return new MethodVisitor(Opcodes.ASM8, mv) {
                                @Override
                                public void visitCode() {
                                    super.visitCode();
                                    visitLdcInsn(id);
                                    visitMethodInsn(Opcodes.INVOKESTATIC, "PathTrace", "hit", "(Ljava/lang/String;)V",
                                            false);
                                }
                            };
                        }
                    }, 0);
                    return writer.toByteArray();
                } catch (RuntimeException e) {
                    System.err.println("pathtrace: cannot instrument " + name + ": " + e);
                    return null;
                }
            }
        });
        Thread control = new Thread(() -> {
            try {
                while (true) {
                    if (!on && Files.exists(dir.resolve("on")) && !Files.exists(dir.resolve("off"))) {
                        on = true;
                        Files.writeString(dir.resolve("on.ack"), "on\n");
                    }
                    if (on && Files.exists(dir.resolve("off"))) {
                        on = false;
                        List<String> lines = new ArrayList<>();
                        FIRST.forEach((m, v) -> lines.add(v + "\t" + m));
                        lines.sort((a, b) -> Long.compare(Long.parseLong(a.split("\t")[0]),
                                Long.parseLong(b.split("\t")[0])));
                        Files.write(dir.resolve("hits.tsv"), lines);
                        Files.writeString(dir.resolve("done"), "done\n");
                    }
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("pathtrace: control stopped: " + e);
            }
        }, "pathtrace-control");
        control.setDaemon(true);
        control.start();
    }
}
