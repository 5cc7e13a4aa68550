package dev.migrationstudio.jdbc.source;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A connection that the caller owns (a deploy tool's, a test's), lent to the engine or the verifier as
 * a {@link DataSource}: every {@code getConnection()} returns the same connection behind a view that
 * never closes it and keeps the caller's transaction as the chosen {@link Use} says. {@link #open()}
 * checks the connection and prepares it; {@link #close()} gives it back as it was handed in.
 *
 * <p>The engine calls {@code commit()}, {@code rollback()} and {@code setAutoCommit} as it would on a
 * pooled connection; the view turns them into what the use allows:
 *
 * <ul>
 *   <li>{@link Use#READ}: reads only. A connection in auto-commit gets a read transaction for the
 *       run (PostgreSQL streams only inside one), ended and auto-commit restored at {@link #close()};
 *       a connection with the caller's transaction open is read inside it, never committed or rolled
 *       back.</li>
 *   <li>{@link Use#JOIN}: the caller's open transaction is joined. {@code commit()} marks a savepoint
 *       (the work so far stays, in the caller's transaction) and {@code rollback()} returns to the
 *       last mark: the engine's chunk-by-chunk logic is unchanged, and nothing becomes durable until
 *       the caller commits.</li>
 *   <li>{@link Use#COMMIT}: the connection must be in auto-commit (no caller transaction to disturb);
 *       the engine commits as it goes, and auto-commit is restored at {@link #close()}.</li>
 * </ul>
 *
 * <p>{@code setAutoCommit} and {@code setReadOnly} are ignored in every use: the transaction is the
 * borrowed connection's, and switching auto-commit on would commit a chunk half written. One
 * connection serves one thread at a time in the engine's sense: callers run one table at a time.
 */
public final class BorrowedConnection implements DataSource, AutoCloseable {

    /** What the borrower may do with the caller's transaction. */
    public enum Use {
        /** Reads only; never ends a transaction it did not start. */
        READ,
        /** Joins the caller's open transaction; commits become savepoints. */
        JOIN,
        /** The connection is in auto-commit; the borrower commits its own transactions. */
        COMMIT
    }

    private final Connection connection;
    private final Use use;
    private final Connection view;
    private boolean ownsTransaction;
    private Savepoint mark;

    private BorrowedConnection(Connection connection, Use use) {
        this.connection = checkNotNull(connection, "connection");
        this.use = checkNotNull(use, "use");
        this.view = (Connection) Proxy.newProxyInstance(BorrowedConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> invoke(proxy, method, args));
    }

    /**
     * Lends {@code connection} for {@code use}; nothing happens to it until {@link #open()}.
     *
     * @param connection the caller's open connection; not null
     * @param use what the borrower may do with it; not null
     * @return the borrowed connection, not yet opened
     */
    public static BorrowedConnection of(Connection connection, Use use) {
        return new BorrowedConnection(connection, use);
    }

    /**
     * The caller's connection itself (to tell two borrowed connections apart).
     *
     * @return the connection given to {@link #of}
     */
    public Connection connection() {
        return connection;
    }

    /**
     * What the borrower may do.
     *
     * @return the use given to {@link #of}
     */
    public Use use() {
        return use;
    }

    /**
     * Checks the connection's state against the use and prepares it.
     *
     * @return this, ready to lend connections
     * @throws IllegalStateException for {@link Use#JOIN} on a connection in auto-commit (no
     *     transaction to join), or {@link Use#COMMIT} on a connection with a transaction open (the
     *     borrower's commits would commit the caller's work)
     * @throws SQLException if the connection is closed or fails
     */
    public BorrowedConnection open() throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (use == Use.JOIN) {
            if (autoCommit) {
                throw new IllegalStateException("the connection is in auto-commit: there is no transaction to "
                        + "join; open one (setAutoCommit(false)) or let the migrator commit chunk by chunk");
            }
            mark = connection.setSavepoint();
        } else if (use == Use.COMMIT) {
            if (!autoCommit) {
                throw new IllegalStateException("the connection has a transaction open (auto-commit is off): "
                        + "committing chunk by chunk would commit the caller's work with them; hand in a connection "
                        + "in auto-commit, or join the caller's transaction");
            }
            connection.setAutoCommit(false);
            ownsTransaction = true;
        } else if (autoCommit) {
            connection.setAutoCommit(false);
            ownsTransaction = true;
        }
        return this;
    }

    /**
     * Gives the connection back: a transaction the borrower opened is ended (rolled back: what it
     * meant to keep, it committed) and auto-commit restored; a joined transaction stays open, with
     * everything written in it. The connection is not closed.
     */
    @Override
    public void close() throws SQLException {
        if (ownsTransaction) {
            ownsTransaction = false;
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        } else if (mark != null) {
            Savepoint last = mark;
            mark = null;
            releaseQuietly(last);
        }
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close":
            case "setAutoCommit":
            case "setReadOnly":
                return null;
            case "isClosed":
                return connection.isClosed();
            case "commit":
                if (args == null) {
                    commit();
                    return null;
                }
                break;
            case "rollback":
                if (args == null) {
                    rollback();
                    return null;
                }
                break;
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "borrowed " + connection;
            default:
                break;
        }
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void commit() throws SQLException {
        if (use == Use.JOIN) {
            // Released first: releasing a savepoint releases every later one too.
            releaseQuietly(mark);
            mark = connection.setSavepoint();
        } else if (ownsTransaction) {
            connection.commit();
        }
    }

    private void rollback() throws SQLException {
        if (use == Use.JOIN) {
            connection.rollback(mark);
        } else if (ownsTransaction) {
            connection.rollback();
        }
    }

    private void releaseQuietly(Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException ignored) {
            // Some drivers release a savepoint with a later one; the caller's transaction holds the work either way.
        }
    }

    @Override
    public Connection getConnection() {
        return view;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return view;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing to log: the connection is the caller's.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Nothing to log in to: the connection is open.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("a borrowed connection has no logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("a borrowed connection wraps no " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
