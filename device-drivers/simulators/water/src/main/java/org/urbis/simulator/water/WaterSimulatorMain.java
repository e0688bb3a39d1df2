package org.urbis.simulator.water;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;

/** Runs simulated RTUs until killed: {@code java -jar urbis-simulator-water.jar [port] [units] [bind]}. */
public final class WaterSimulatorMain {

    private WaterSimulatorMain() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5020;
        int units = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        InetAddress bind = InetAddress.getByName(args.length > 2 ? args[2] : "127.0.0.1");
        WaterSimulator sim = new WaterSimulator(bind, port, units, 100);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("Water simulator: units 1-" + units + " on tcp://" + bind.getHostAddress() + ':' + sim.port()
                + " (unfaulted j2mod slave on port " + sim.directPort() + ")");
        new CountDownLatch(1).await();
    }
}
