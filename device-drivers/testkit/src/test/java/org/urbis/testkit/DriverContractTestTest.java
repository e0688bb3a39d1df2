package org.urbis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/** The contract tests pass a well-behaved driver and catch one that hangs and one that leaks a thread. */
class DriverContractTestTest {

    @Test
    void aWellBehavedDriverPasses() {
        assertEquals(Map.of(), failures(WellBehaved.class));
    }

    @Test
    void aDriverThatOverrunsItsTimeoutFails() {
        Map<String, String> failures = failures(Hanging.class);
        assertEquals(
                Set.of("anUnresponsiveDeviceFailsInTimeWithAQualityReason()", "leavesNoThreadBehindOnceClosed()"),
                failures.keySet());
        assertTrue(
                failures.get("anUnresponsiveDeviceFailsInTimeWithAQualityReason()")
                        .contains("still busy"),
                failures.toString());
    }

    @Test
    void aSessionThatLeavesAThreadBehindFails() {
        Map<String, String> failures = failures(Leaking.class);
        assertEquals(Set.of("leavesNoThreadBehindOnceClosed()"), failures.keySet());
        assertTrue(failures.get("leavesNoThreadBehindOnceClosed()").contains("leaky-session"), failures.toString());
    }

    /** Runs a contract test class; its failed tests by name, with their messages. */
    private static Map<String, String> failures(Class<?> test) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(DiscoverySelectors.selectClass(test))
                                .build(),
                        listener);
        assertEquals(5, listener.getSummary().getTestsFoundCount(), "the contract's tests");
        Map<String, String> failed = new TreeMap<>();
        listener.getSummary()
                .getFailures()
                .forEach(f -> failed.put(
                        f.getTestIdentifier().getDisplayName(),
                        String.valueOf(f.getException().getMessage())));
        return failed;
    }

    /** A driver of an in-memory device: address {@code ok} answers, {@code hole} never does. */
    static class FakeDriver implements DeviceDriver {
        final boolean hangs;
        final boolean leaks;
        final List<Thread> started = new ArrayList<>();

        FakeDriver(boolean hangs, boolean leaks) {
            this.hangs = hangs;
            this.leaks = leaks;
        }

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public Set<DeviceClass> deviceClasses() {
            return Set.of(new DeviceClass("fake"));
        }

        @Override
        public DriverSession open(Device device, DeviceCallback callback) {
            if (leaks) {
                Thread t = new Thread(
                        () -> {
                            try {
                                new CountDownLatch(1).await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "leaky-session");
                t.setDaemon(true);
                t.start();
                started.add(t);
            }
            boolean answers = device.address().equals("ok");
            return new DriverSession() {
                @Override
                public Acquisition acquisition() {
                    return Acquisition.POLLED;
                }

                @Override
                public List<Value> read(List<Point> points, Duration timeout)
                        throws DriverException, InterruptedException {
                    if (!answers) {
                        unanswered(timeout);
                    }
                    return points.stream()
                            .map(p -> Value.good(p.name(), 1.0, Instant.now()))
                            .toList();
                }

                @Override
                public void write(Point point, Object value, Duration timeout)
                        throws DriverException, InterruptedException {
                    if (!answers) {
                        unanswered(timeout);
                    }
                }

                private void unanswered(Duration timeout) throws DriverException, InterruptedException {
                    if (hangs) {
                        new CountDownLatch(1).await(); // ignores the timeout: what the contract catches
                    }
                    throw new DriverException(QualityReason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
                }

                @Override
                public void close() {}
            };
        }

        void stop() {
            started.forEach(Thread::interrupt);
        }
    }

    /** The contract against a fake driver, with short timeouts. */
    abstract static class FakeContract extends DriverContractTest {
        private final boolean hangs;
        private final boolean leaks;

        FakeContract(boolean hangs, boolean leaks) {
            this.hangs = hangs;
            this.leaks = leaks;
        }

        @Override
        protected DeviceDriver startDriver() {
            return new FakeDriver(hangs, leaks);
        }

        @Override
        protected void stopDriver(DeviceDriver driver) {
            ((FakeDriver) driver).stop();
        }

        @Override
        protected Device reachableDevice() {
            return device("F-1", "ok");
        }

        @Override
        protected Device unresponsiveDevice() {
            return device("F-2", "hole");
        }

        @Override
        protected Duration timeout() {
            return Duration.ofMillis(200);
        }

        @Override
        protected Duration grace() {
            return Duration.ofMillis(300);
        }

        private static Device device(String id, String address) {
            return DeviceBuilder.device(id, new DeviceClass("fake"), "fake", address)
                    .point(Point.builder("level", DataType.FLOAT)
                            .access(Access.READ_WRITE)
                            .limits(0.0, 10.0)
                            .build())
                    .build();
        }
    }

    static class WellBehaved extends FakeContract {
        WellBehaved() {
            super(false, false);
        }
    }

    static class Hanging extends FakeContract {
        Hanging() {
            super(true, false);
        }
    }

    static class Leaking extends FakeContract {
        Leaking() {
            super(false, true);
        }
    }
}
