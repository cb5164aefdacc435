package dev.deletionpipeline.localstack.testing;

/**
 * Closes a stack of child processes (PostgreSQL, a Kafka broker, service JVMs) if the JVM that started them exits
 * before its owner closes it: Ctrl-C on {@code ./mvnw verify}, a SIGTERM, or Surefire ending a fork whose Maven is gone
 * (all of which run shutdown hooks; a SIGKILL of the test JVM does not). Without it those children outlive the test run,
 * holding CPU, ports and data directories. The owner's own {@code close} calls {@link #cancel} first, so a run that
 * ends normally closes each stack once and keeps no hook.
 */
public final class StopOnExit {

    private final Thread hook;

    private StopOnExit(Thread hook) {
        this.hook = hook;
    }

    /** @param stack must tolerate being closed twice (the hook may run while its owner is closing it) */
    public static StopOnExit closing(String name, AutoCloseable stack) {
        Thread hook = new Thread(() -> closeQuietly(stack), name + "-stop-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopOnExit(hook);
    }

    /** The owner closes the stack itself: the hook is not needed any more. */
    public void cancel() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting already: the hook runs (or ran) and the stack's close is safe to call twice
        }
    }

    private static void closeQuietly(AutoCloseable stack) {
        try {
            stack.close();
        } catch (Exception e) {
            // the JVM is exiting: nothing more can be done, and its output may already be gone
            System.err.println("Could not stop " + stack + " on exit: " + e);
        }
    }
}
