package dev.migrationstudio.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that records the text of every statement its connections prepare or execute, and
 * can make one of them fail as a lost connection would.
 */
final class CountingDataSource implements DataSource {
    private final DataSource delegate;
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private Predicate<String> failing = sql -> false;
    private final AtomicInteger failAfter = new AtomicInteger(-1);

    CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /**
     * Every statement text, in order, but for session settings ({@code SET ...}: the readers of MariaDB
     * put their session in UTC and back), which read nothing.
     */
    List<String> statements() {
        synchronized (statements) {
            return statements.stream().filter(s -> !s.regionMatches(true, 0, "SET ", 0, 4)).toList();
        }
    }

    /** Statements whose text contains {@code fragment}. */
    long count(String fragment) {
        return statements().stream().filter(s -> s.contains(fragment)).count();
    }

    void reset() {
        statements.clear();
    }

    /**
     * Makes the {@code n}th prepared statement that matches fail with SQLSTATE 08006 (connection
     * failure), as if the database went away at that moment.
     */
    void failAt(Predicate<String> statement, int n) {
        this.failing = statement;
        this.failAfter.set(n);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String) {
                statements.add((String) args[0]);
                if (failing.test((String) args[0]) && failAfter.decrementAndGet() == 0) {
                    throw new SQLException("I/O error: the connection was lost", "08006");
                }
            }
            Object result = invoke(method, connection, args);
            if (result instanceof Statement && method.getName().equals("createStatement")) {
                return wrapStatement((Statement) result);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private Statement wrapStatement(Statement statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String) {
                statements.add((String) args[0]);
            }
            return invoke(method, statement, args);
        };
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class}, handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
