package org.urbis.modbus.internal;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.AbstractModbusTransport;
import com.ghgande.j2mod.modbus.msg.ExceptionResponse;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;
import org.urbis.modbus.ModbusExceptionCode;
import org.urbis.modbus.ModbusSettings;

/**
 * One TCP connection to a Modbus server (an RTU or a gateway), shared by every unit behind it.
 * Requests are serialised on it; each runs within the caller's deadline, retries transient
 * failures with a doubling backoff, and drops the connection after an I/O error, a timeout or a
 * garbled reply so that the next request starts on a fresh one.
 */
public final class TcpLink {

    private static final Logger LOG = LoggerFactory.getLogger(TcpLink.class);

    private final String host;
    private final int port;
    private final ModbusSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder requests;
    private final AtomicInteger users = new AtomicInteger();
    private TCPMasterConnection connection;
    private long connects;
    private int transactionId;

    public TcpLink(String host, int port, ModbusSettings settings, LongAdder requests) {
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.requests = requests;
    }

    public AtomicInteger users() {
        return users;
    }

    /** Connections opened so far (1 plus the reconnects). */
    public synchronized long connects() {
        return connects;
    }

    /**
     * Sends a request to a unit and returns its validated reply.
     *
     * @param deadline {@link System#nanoTime()} by which the answer must be in
     * @throws DriverException TIMEOUT, COMM_ERROR (refused, reset, garbled) or DEVICE_ERROR (an
     *         exception code)
     */
    public ModbusResponse execute(int unit, ModbusRequest request, long deadline, String what)
            throws DriverException, InterruptedException {
        long backoff = settings.retryBackoff().toNanos();
        DriverException last = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                long pause = Math.min(backoff, deadline - System.nanoTime());
                if (pause > 0) {
                    TimeUnit.NANOSECONDS.sleep(pause);
                }
                backoff *= 2;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            if (!lock.tryLock(remaining, TimeUnit.NANOSECONDS)) {
                throw new DriverException(
                        QualityReason.TIMEOUT,
                        "the connection to " + host + ':' + port
                                + " stayed busy with other units' requests until the deadline");
            }
            try {
                return once(unit, request, deadline, what);
            } catch (DriverException e) {
                last = e;
                if (e.reason() == QualityReason.DEVICE_ERROR && !(e.getCause() instanceof RetryableCode)) {
                    throw e;
                }
                LOG.debug(
                        "{} on {}:{} unit {} failed (attempt {}): {}",
                        what,
                        host,
                        port,
                        unit,
                        attempt + 1,
                        e.getMessage());
            } finally {
                lock.unlock();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        if (last == null) {
            throw new DriverException(
                    QualityReason.TIMEOUT,
                    what + ": no reply from " + host + ':' + port + " unit " + unit + " within the deadline");
        }
        throw last;
    }

    private ModbusResponse once(int unit, ModbusRequest request, long deadline, String what) throws DriverException {
        long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        int timeout = (int) Math.min(settings.timeout().toMillis(), remainingMs);
        try {
            if (connection == null || !connection.isConnected()) {
                connect(timeout);
            }
            connection.setTimeout(timeout);
        } catch (DriverException e) {
            reset();
            throw e;
        }
        request.setUnitID(unit);
        int id = nextTransactionId();
        request.setTransactionID(id);
        requests.increment();
        ModbusResponse response;
        try {
            // The transport directly rather than j2mod's transaction: that one retries and reconnects
            // on its own, outside the caller's deadline.
            AbstractModbusTransport transport = connection.getModbusTransport();
            transport.writeRequest(request);
            response = transport.readResponse();
        } catch (ModbusException | RuntimeException e) {
            reset();
            if (isTimeout(e)) {
                throw new DriverException(
                        QualityReason.TIMEOUT,
                        what + ": no reply from " + host + ':' + port + " unit " + unit + " within " + timeout + " ms",
                        e);
            }
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    what + ": " + host + ':' + port + " unit " + unit + ": " + describe(e),
                    e);
        }
        if (response != null && response.getTransactionID() != id) {
            reset();
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    what + ": malformed reply from " + host + ':' + port
                            + " unit " + unit + ": transaction " + response.getTransactionID() + " answered request "
                            + id
                            + "; connection reset");
        }
        if (response instanceof ExceptionResponse ex) {
            throw exceptionCode(ex.getExceptionCode(), what);
        }
        String problem = Replies.problem(request, response, unit);
        if (problem != null) {
            reset();
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    what + ": malformed reply from " + host + ':' + port + " unit " + unit + ": " + problem
                            + "; connection reset");
        }
        return response;
    }

    private int nextTransactionId() {
        transactionId = transactionId >= 0xFFFF ? 1 : transactionId + 1;
        return transactionId;
    }

    private DriverException exceptionCode(int code, String what) {
        String message = what + ": " + ModbusExceptionCode.describe(code);
        return ModbusExceptionCode.retryable(code)
                ? new DriverException(QualityReason.DEVICE_ERROR, message, new RetryableCode(code))
                : new DriverException(QualityReason.DEVICE_ERROR, message);
    }

    private void connect(int timeout) throws DriverException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DriverException(QualityReason.COMM_ERROR, "unknown host " + host, e);
        }
        TCPMasterConnection c = new TCPMasterConnection(address);
        c.setPort(port);
        c.setTimeout(timeout);
        try {
            c.connect();
        } catch (Exception e) {
            c.close();
            if (isTimeout(e)) {
                throw new DriverException(
                        QualityReason.TIMEOUT,
                        "connecting to " + host + ':' + port + " timed out after " + timeout + " ms",
                        e);
            }
            throw new DriverException(
                    QualityReason.COMM_ERROR, "cannot connect to " + host + ':' + port + ": " + describe(e), e);
        }
        synchronized (this) {
            connects++;
        }
        connection = c;
        LOG.debug("Connected to {}:{}", host, port);
    }

    /** Drops the connection; the next request opens a new one. */
    public void reset() {
        TCPMasterConnection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the connection to {}:{} failed", host, port, e);
            }
        }
    }

    /** Closes the connection, waiting at most briefly for a request in flight. */
    public void close() {
        boolean locked = false;
        try {
            locked = lock.tryLock(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            reset();
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("timed out") || m.contains("Timeout") || m.contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Marks an exception code worth retrying (acknowledge, busy). */
    static final class RetryableCode extends Exception {
        private static final long serialVersionUID = 1L;

        RetryableCode(int code) {
            super("exception code " + code, null, false, false);
        }
    }
}
