package org.urbis.simulator.parking;

import java.time.Clock;
import java.util.Locale;

/**
 * {@code java -jar urbis-simulator-parking-standalone.jar tcp://127.0.0.1:1883 chirpstack urbis-parking 20 nwave-nps405 5}:
 * that many bays (DevEUIs 70B3D57ED0051A01 on), a change or heartbeat every {@code ms} milliseconds.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        String broker = args.length > 0 ? args[0] : "tcp://127.0.0.1:1883";
        LoraNetworkSimulator.Server server = LoraNetworkSimulator.Server.valueOf(
                (args.length > 1 ? args[1] : "chirpstack").toUpperCase(Locale.ROOT));
        String application = args.length > 2 ? args[2] : "urbis-parking";
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        SensorModel model = SensorModel.of(args.length > 4 ? args[4] : "nwave-nps405");
        long periodMs = args.length > 5 ? Long.parseLong(args[5]) : 1_000;
        try (LoraNetworkSimulator sim = new LoraNetworkSimulator(broker, server, application, Clock.systemUTC())) {
            for (int i = 1; i <= count; i++) {
                sim.add(StreetOfBays.devEui(i), model);
            }
            if (!sim.start(30)) {
                System.err.println("cannot reach " + broker);
                return;
            }
            sim.startupAll();
            while (!Thread.currentThread().isInterrupted()) {
                sim.step(0.3);
                Thread.sleep(periodMs);
            }
        }
    }
}
