package org.urbis.driver.gridmeter.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.dnp3.Association;
import org.urbis.dnp3.AssociationListener;
import org.urbis.dnp3.AssociationState;
import org.urbis.dnp3.CommandMode;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.Measurement;
import org.urbis.dnp3.PointType;

/**
 * One DNP3 meter: an association of the driver's master, whose measurements are reported as they arrive with the
 * outstation's timestamps. Commands go out as CROBs (binary outputs) and g41 analog outputs, select-before-operate
 * when the point says so; any status but SUCCESS fails the write naming it.
 */
final class Dnp3Session extends MeterSession implements AssociationListener {

    private final Dnp3Endpoint endpoint;
    private final Map<Dnp3Mapping.Source, List<Point>> byAddress = new HashMap<>();
    private final Map<String, Dnp3Mapping> mappings = new HashMap<>();
    private final LoadControl loadControl;
    private static final long[] STATUS_POLLS_AFTER_COMMAND_MILLIS = {0, 500, 1500, 3500};

    private final Runnable onClose;
    private final Outbox outbox;
    private final ScheduledExecutorService scheduler;
    private volatile Association association;
    private volatile AssociationState state = AssociationState.CONNECTING;

    Dnp3Session(
            Device device,
            Dnp3Endpoint endpoint,
            DeviceCallback callback,
            GridMonitor monitor,
            Clock clock,
            ScheduledExecutorService scheduler,
            Executor reporting,
            Function<AssociationListener, Association> connect,
            Runnable onClose) {
        super(device, callback, monitor, clock);
        this.outbox = new Outbox(reporting);
        this.endpoint = endpoint;
        for (Point p : device.points()) {
            if (Dnp3Mapping.isDnp3(p.address())) {
                Dnp3Mapping m = Dnp3Mapping.of(p);
                mappings.put(p.name(), m);
                byAddress.computeIfAbsent(m.status(), k -> new ArrayList<>()).add(p);
            }
        }
        this.loadControl = Roles.hasLoadControl(device)
                ? new LoadControl(device, this::operate, scheduler, clock, this::latest)
                : null;
        this.onClose = onClose;
        this.scheduler = scheduler;
        this.association = connect.apply(this);
    }

    /** On the master's I/O thread, like every listener call: the values go on through the outbox. */
    @Override
    public void measurements(List<Measurement> measurements) {
        Instant received = clock.instant();
        outbox.post(() -> {
            List<Value> values = new ArrayList<>();
            for (Measurement m : measurements) {
                for (Point p : byAddress.getOrDefault(new Dnp3Mapping.Source(m.type(), m.index()), List.of())) {
                    values.add(mappings.get(p.name()).value(p, m, received));
                }
            }
            if (!values.isEmpty()) {
                report(values);
            }
            indications();
        });
    }

    @Override
    public void indicationsChanged(Set<IinFlag> indications) {
        outbox.post(this::indications);
    }

    /** IIN device trouble makes the meter DEGRADED; an association that answers is otherwise ONLINE. */
    private void indications() {
        Association a = association;
        if (a == null || state != AssociationState.ONLINE) {
            return;
        }
        if (a.stats().iin().contains(IinFlag.DEVICE_TROUBLE)) {
            health(HealthStatus.DEGRADED, HealthDetail.DEVICE_FAULT, "the outstation reports DEVICE_TROUBLE (IIN1.6)");
        } else {
            health(HealthStatus.ONLINE, HealthDetail.NONE, "");
        }
    }

    @Override
    public void stateChanged(AssociationState newState) {
        AssociationState old = state;
        state = newState;
        if (newState == AssociationState.ONLINE) {
            outbox.post(() -> {
                monitor.connection(true, "");
                indications();
            });
        } else if (old == AssociationState.ONLINE || newState == AssociationState.WAITING_RETRY) {
            String why = "no DNP3 association with outstation " + endpoint.outstation() + " at " + endpoint.hostPort()
                    + " (" + newState + ")";
            outbox.post(() -> lost(why));
        }
    }

    @Override
    protected void checkConnected() throws DriverException {
        // STARTING is connected: the startup requests (integrity poll among them) are under way
        if (state != AssociationState.ONLINE && state != AssociationState.STARTING) {
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    "DNP3 outstation " + endpoint.outstation() + " at " + endpoint.hostPort() + " is not connected ("
                            + state + ")");
        }
    }

    @Override
    protected Value computed(Point point) {
        return loadControl != null && point.role().equals(Roles.LOAD_CONTROL) ? loadControl.readback(point) : null;
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        if (point.role().equals(Roles.LOAD_CONTROL)) {
            if (loadControl == null) {
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR, device.id() + " has no load control in its profile");
            }
            checkConnected();
            loadControl.apply(String.valueOf(value), timeout);
            return;
        }
        if (!point.access().writable()) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, "point '" + point.name() + "' is read-only");
        }
        if (point.role().equals(Roles.BREAKER) && value instanceof Boolean close) {
            monitor.breakerCommanded(close);
        }
        operate(point, value, timeout);
    }

    private void operate(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        Dnp3Mapping m = mappings.get(point.name());
        if (m == null) {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR, "point '" + point.name() + "' cannot be commanded");
        }
        checkConnected();
        CommandMode mode = point.selectBeforeOperate() ? CommandMode.SELECT_BEFORE_OPERATE : CommandMode.DIRECT_OPERATE;
        CompletableFuture<CommandStatus> result;
        String what;
        if (m.type() == PointType.BINARY_OUTPUT_STATUS && value instanceof Boolean on) {
            var crob = m.crob(on);
            what = "CROB " + crob.operation()
                    + (crob.tripClose() == org.urbis.dnp3.Crob.TripClose.NUL ? "" : " " + crob.tripClose()) + " on "
                    + m.label();
            result = association.operate(m.index(), crob, mode);
        } else if (m.type() == PointType.ANALOG_OUTPUT_STATUS && value instanceof Number n) {
            var output = m.analogOutput(n.doubleValue());
            what = "analog output " + output.value() + " on " + m.label();
            result = association.operate(m.index(), output, mode);
        } else {
            throw new DriverException(QualityReason.TYPE_MISMATCH, "'" + value + "' cannot be written to " + m.label());
        }
        what += mode == CommandMode.SELECT_BEFORE_OPERATE ? " (select-before-operate)" : " (direct operate)";
        CommandStatus status = await(result, timeout, what);
        if (status != CommandStatus.SUCCESS) {
            throw new DriverException(
                    QualityReason.DEVICE_ERROR,
                    "the outstation answered " + status + " (" + status.code() + ") to the " + what);
        }
        // Output statuses have no events: read them now and shortly after (a breaker takes its time to move), rather
        // than at the next static poll, so that the readback sees the change.
        for (long delay : STATUS_POLLS_AFTER_COMMAND_MILLIS) {
            scheduler.schedule(
                    () -> {
                        Association a = association;
                        if (state == AssociationState.ONLINE && a != null) {
                            a.integrityPoll();
                        }
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The association, for the operators' view of its counters. */
    Association association() {
        return association;
    }

    String deviceId() {
        return device.id();
    }

    Dnp3Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        if (loadControl != null) {
            loadControl.close();
        }
        Association a = association;
        if (a != null) {
            a.close();
        }
        onClose.run();
    }
}
