package io.cdclake.stack;

import java.util.Arrays;

/**
 * Entry point of child JVMs: exits when the parent process is gone, then runs the real main class
 * named by the first argument.
 *
 * <p>A shutdown hook in the parent covers normal exits and SIGTERM but not SIGKILL or a crash; this
 * covers those. It is copied alone into the child's classpath, so it must only use {@code
 * java.base} (lambdas are fine, anonymous or nested classes are not).
 */
public final class ChildProcessLauncher {

    private ChildProcessLauncher() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException(
                    "usage: ChildProcessLauncher <main class> [args...]");
        }
        ProcessHandle.current()
                .parent()
                .ifPresentOrElse(
                        parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                        () -> Runtime.getRuntime().halt(3));
        Class<?> mainClass = Class.forName(args[0]);
        try {
            mainClass
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
