package io.picturepipeline.generation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Counts the service's database round trips: every statement prepared on a connection of its {@link DataSource}
 * (JdbcClient and Bucket4j prepare one per execution), by its first words, and every commit (a statement in
 * auto-commit is one; an explicit {@code commit()} is one). What {@code StatementsPerGenerationTest} reads.
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementCounter implements BeanPostProcessor {

    private static final Map<String, LongAdder> STATEMENTS = new ConcurrentHashMap<>();
    private static final LongAdder COMMITS = new LongAdder();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource)) {
            return bean;
        }
        return Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection connection ? counted(connection) : result;
                });
    }

    static Map<String, Long> statements() {
        Map<String, Long> copy = new TreeMap<>();
        STATEMENTS.forEach((sql, n) -> copy.put(sql, n.sum()));
        return copy;
    }

    static long commits() {
        return COMMITS.sum();
    }

    private static Connection counted(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall"))
                    && args != null
                    && args[0] instanceof String sql) {
                STATEMENTS.computeIfAbsent(kind(sql), k -> new LongAdder()).increment();
                if (connection.getAutoCommit()) {
                    COMMITS.increment();
                }
            } else if (name.equals("commit")) {
                COMMITS.increment();
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(
                StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** The statement's first 90 characters, whitespace folded: enough to tell the repository methods apart. */
    private static String kind(String sql) {
        String folded = sql.strip().replaceAll("\\s+", " ");
        return folded.length() <= 90 ? folded : folded.substring(0, 90);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
