package dev.deletionpipeline.localstack;

import dev.deletionpipeline.localstack.launcher.LocalStackRun;
import dev.deletionpipeline.localstack.launcher.LocalStackSettings;

/**
 * One command for the whole pipeline on one machine: an in-process KRaft Kafka broker with every contract topic,
 * PostgreSQL with logical decoding, the Google Calendar stand-in, the three services and a demo data set. Ctrl-C
 * stops everything. Options: see {@link LocalStackSettings}.
 */
public final class LocalStack {

    private LocalStack() {}

    public static void main(String[] args) {
        LocalStackSettings settings = LocalStackSettings.from(args, System.getenv());
        LocalStackRun run = new LocalStackRun(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "local-stack-stop"));
        try {
            run.start();
        } catch (RuntimeException e) {
            System.err.println("Local stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        run.awaitStop();
    }
}
