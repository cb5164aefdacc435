package dev.deletionpipeline.worker.benchmark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Where the worker's database time goes, measured from the application side (the embedded PostgreSQL has no
 * {@code pg_stat_statements}): wraps the worker's {@link DataSource} and adds up, per SQL statement, how often it ran
 * and how long its executions and the commits took, including the wait for the server.
 */
final class StatementTimings implements BeanPostProcessor {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch");
    private static final int LABEL_LENGTH = 90;

    /** One statement's totals. */
    record Timing(String statement, long executions, double totalMillis) {}

    private final Map<String, LongAdder[]> totals = new ConcurrentHashMap<>();
    private final Map<String, String> labels = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof TimedDataSource)) {
            return new TimedDataSource(dataSource);
        }
        return bean;
    }

    void reset() {
        totals.clear();
    }

    /** The statements, the most expensive first. */
    List<Timing> timings() {
        return totals.entrySet().stream()
                .map(e -> new Timing(e.getKey(), e.getValue()[0].sum(), e.getValue()[1].sum() / 1e6))
                .sorted(Comparator.comparingDouble(Timing::totalMillis).reversed())
                .toList();
    }

    Map<String, Object> asReport(int deletions) {
        Map<String, Object> report = new LinkedHashMap<>();
        for (Timing timing : timings()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("executions", timing.executions());
            one.put("totalMillis", Math.round(timing.totalMillis()));
            one.put("millisPer1000Deletions", Math.round(timing.totalMillis() * 1000 / deletions));
            report.put(timing.statement(), one);
        }
        return report;
    }

    private void add(String statement, long nanos) {
        LongAdder[] sums = totals.computeIfAbsent(statement, s -> new LongAdder[] {new LongAdder(), new LongAdder()});
        sums[0].increment();
        sums[1].add(nanos);
    }

    private String label(String sql) {
        return labels.computeIfAbsent(sql, StatementTimings::flatten);
    }

    private static String flatten(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= LABEL_LENGTH ? flat : flat.substring(0, LABEL_LENGTH) + "...";
    }

    private final class TimedDataSource extends DelegatingDataSource {

        TimedDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return timed(Connection.class, super.getConnection(), null);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return timed(Connection.class, super.getConnection(username, password), null);
        }
    }

    private <T> T timed(Class<T> type, T target, String sql) {
        InvocationHandler handler = (proxy, method, args) -> invoke(target, method, args, sql);
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object invoke(Object target, Method method, Object[] args, String sql) throws Throwable {
        String name = method.getName();
        boolean timed = EXECUTIONS.contains(name) || name.equals("commit");
        long start = System.nanoTime();
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (timed) {
                String statement = name.equals("commit")
                        ? "COMMIT"
                        : label(sql != null ? sql : args != null ? (String) args[0] : "batch of statements");
                add(statement, System.nanoTime() - start);
            }
        }
        if (name.equals("prepareStatement") && result instanceof PreparedStatement statement) {
            return timed(PreparedStatement.class, statement, (String) args[0]);
        }
        if (name.equals("createStatement") && result instanceof Statement statement) {
            return timed(Statement.class, statement, null);
        }
        return result;
    }
}
