package dev.deletionpipeline.endtoend.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most deletions per second a fixed number of clients gets: each client does one deletion after the other, as
 * fast as the answers come, until every item is done. Used with the same concurrency for deletion-api and for plain
 * JDBC, so the two numbers compare.
 */
final class ClosedLoopLoad {

    /** One client: deletes item {@code index}; returns false when that deletion failed. */
    interface Client extends AutoCloseable {
        boolean delete(int index) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    interface ClientFactory {
        Client open() throws Exception;
    }

    /** What the clients achieved. */
    record Result(int done, long failed, double seconds) {

        double perSecond() {
            return Percentiles.round(done / seconds);
        }
    }

    private ClosedLoopLoad() {}

    static Result run(int concurrency, int items, ClientFactory factory) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(factory.open());
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (Client client : clients) {
                running.add(pool.submit(() -> {
                    for (int index = next.getAndIncrement(); index < items; index = next.getAndIncrement()) {
                        if (!client.delete(index)) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            return new Result(items, failed.get(), (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            for (Client client : clients) {
                client.close();
            }
        }
    }
}
