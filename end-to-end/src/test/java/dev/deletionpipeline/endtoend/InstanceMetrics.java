package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.endtoend.ComposedStack.ServiceInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What each instance of a scaled-out service did, as an operator sees it: a sum over a Prometheus metric of the
 * instance ({@code /actuator/prometheus}), and which worker instances held claims on blocks (the {@code claimed_by}
 * column, sampled while the deletion runs, since a hard delete removes the row with its claim).
 */
final class InstanceMetrics implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Set<UUID>> claimsSeen = new ConcurrentHashMap<>();

    /** Starts sampling the claims in the database every 250 ms. */
    InstanceMetrics(String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser("deletion");
        dataSource.setPassword("deletion");
        sampler.scheduleWithFixedDelay(() -> sampleClaims(dataSource), 0, 250, TimeUnit.MILLISECONDS);
    }

    /** The sum of every sample of the metric (all its label sets) in the instance's Prometheus scrape; 0 if absent. */
    static double sum(ServiceInstance instance, String metric) {
        String scrape = scrape(instance);
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static String scrape(ServiceInstance instance) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/plain")
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Scrape of " + instance.instanceId + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Scrape of " + instance.instanceId + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Per worker instance id, how many blocks it was seen holding a claim on. */
    Map<String, Integer> claimsSeen() {
        Map<String, Integer> counts = new TreeMap<>();
        claimsSeen.forEach((instance, blocks) -> counts.put(instance, blocks.size()));
        return counts;
    }

    Set<String> claimants() {
        return claimsSeen.keySet();
    }

    private void sampleClaims(PGSimpleDataSource dataSource) {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                // claimed_by is "<instance id>/<claim id>"
                var rows = statement.executeQuery(
                        "SELECT split_part(claimed_by, '/', 1), id FROM blocks" + " WHERE claimed_by IS NOT NULL")) {
            while (rows.next()) {
                claimsSeen
                        .computeIfAbsent(rows.getString(1), instance -> ConcurrentHashMap.newKeySet())
                        .add(rows.getObject(2, UUID.class));
            }
        } catch (Exception databaseAway) {
            // the next sample tries again
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
