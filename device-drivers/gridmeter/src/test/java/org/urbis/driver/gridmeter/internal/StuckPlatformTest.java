package org.urbis.driver.gridmeter.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;
import org.urbis.simulator.gridmeter.Dnp3Meter;
import org.urbis.testing.Await;
import org.urbis.testkit.RecordingCallback;

/**
 * The platform's side of one meter may wait (a lossless subscriber's queue full): the DNP3 master's I/O thread, which
 * serves the other meters too, must not wait with it.
 */
class StuckPlatformTest {

    /** A platform that takes one report and then waits until released. */
    private static final class StuckCallback implements DeviceCallback {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reports = new AtomicInteger();

        @Override
        public void values(List<Value> values) {
            reports.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void health(HealthStatus status, HealthDetail detail, String message) {}

        @Override
        public void alarm(String type, AlarmSeverity severity, boolean active, String message) {}
    }

    @Test
    void anotherMeterIsCommandedWhileOnesReportsWait() throws Exception {
        GridMeterDriver driver = Meters.driver(null); // one I/O thread for both associations
        StuckCallback stuck = new StuckCallback();
        try (Dnp3Meter a = Dnp3Meter.listen(new InetSocketAddress("127.0.0.1", 0), 10, 1, Clock.systemUTC());
                Dnp3Meter b = Dnp3Meter.listen(new InetSocketAddress("127.0.0.1", 0), 11, 1, Clock.systemUTC())) {
            Device meterB = Meters.dnp3("GM-T-42", "dnp3", "127.0.0.1:" + b.port(), 11, Meters.feeder());
            DriverSession sessionB = driver.open(meterB, new RecordingCallback());
            Await.until(
                    "meter B online",
                    Duration.ofSeconds(15),
                    () -> driver.associations().stream()
                            .anyMatch(e -> e.device().equals("GM-T-42")
                                    && e.stats().state() == org.urbis.dnp3.AssociationState.ONLINE));
            DriverSession sessionA =
                    driver.open(Meters.dnp3("GM-T-41", "dnp3", "127.0.0.1:" + a.port(), 10, Meters.feeder()), stuck);
            Await.until("meter A's first report taken and held", Duration.ofSeconds(15), () -> stuck.reports.get() > 0);

            sessionB.write(meterB.point("breaker").orElseThrow(), false, Duration.ofSeconds(5));
            Await.until("meter B's breaker open", Duration.ofSeconds(15), () -> !b.breakerClosed());
            assertFalse(b.breakerClosed());

            stuck.release.countDown();
            sessionA.close();
            sessionB.close();
        } finally {
            stuck.release.countDown();
            driver.deactivate();
        }
    }
}
