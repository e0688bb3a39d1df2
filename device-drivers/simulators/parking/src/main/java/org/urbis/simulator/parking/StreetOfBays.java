package org.urbis.simulator.parking;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's street of bays: sensors numbered from DevEUI 70B3D57ED0051A01 (the inventory's
 * {@code eui:} addresses), all announcing themselves, then cars arriving and leaving and heartbeats,
 * on a timer of its own.
 */
public final class StreetOfBays implements AutoCloseable {

    private final LoraNetworkSimulator simulator;
    private final ScheduledExecutorService timer;

    public StreetOfBays(
            String brokerUrl,
            LoraNetworkSimulator.Server server,
            String application,
            int bays,
            SensorModel model,
            long stepMillis,
            double changeShare) {
        simulator = new LoraNetworkSimulator(brokerUrl, server, application, Clock.systemUTC());
        for (int i = 1; i <= bays; i++) {
            simulator.add(devEui(i), model);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "urbis-parking-simulator");
            t.setDaemon(true);
            return t;
        });
        timer.execute(() -> {
            // the broker may come up after the simulator: keep trying, then announce every bay
            while (!simulator.start(10)) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            simulator.startupAll();
            timer.scheduleWithFixedDelay(
                    () -> simulator.step(changeShare), stepMillis, stepMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** The DevEUI of bay {@code n} (1-based): 70B3D57ED0051A01, 70B3D57ED0051A02, ... */
    public static String devEui(int n) {
        return String.format(Locale.ROOT, "70B3D57ED005%04X", 0x1A00 + n);
    }

    public LoraNetworkSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        simulator.close();
    }
}
