package io.picturepipeline.ingest.generation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the API's request threads do with the connection pool: the DataSource bean wrapped so that every connection a
 * request thread borrows, and every statement, batch, commit or rollback it sends on one (each a round trip to
 * PostgreSQL; pgjdbc sends a transaction's BEGIN with its first statement), is counted. Background threads (outbox
 * publishing, the relay's sweep, consumers) are not counted. Hikari's own validation of an idle connection is inside
 * the pool and not counted either.
 */
final class PoolUse {

    static final AtomicInteger BORROWED = new AtomicInteger();
    static final AtomicInteger ROUND_TRIPS = new AtomicInteger();

    private PoolUse() {}

    static void reset() {
        BORROWED.set(0);
        ROUND_TRIPS.set(0);
    }

    private static boolean onRequestThread() {
        return Thread.currentThread().getName().startsWith("http-nio-");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? counted(DataSource.class, dataSource) : bean;
                }
            };
        }
    }

    private static <T> T counted(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (onRequestThread()) {
                if (type == DataSource.class && name.equals("getConnection")) {
                    BORROWED.incrementAndGet();
                } else if (Statement.class.isAssignableFrom(type) && name.startsWith("execute")) {
                    ROUND_TRIPS.incrementAndGet();
                } else if (type == Connection.class && (name.equals("commit") || name.equals("rollback"))) {
                    ROUND_TRIPS.incrementAndGet();
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (type == DataSource.class && name.equals("getConnection")) {
                return counted(Connection.class, (Connection) result);
            }
            if (type == Connection.class && Statement.class.isAssignableFrom(method.getReturnType())) {
                return wrap(method.getReturnType(), result);
            }
            return result;
        }));
    }

    @SuppressWarnings("unchecked")
    private static <T> Object wrap(Class<T> type, Object target) {
        return counted(type, (T) target);
    }
}
