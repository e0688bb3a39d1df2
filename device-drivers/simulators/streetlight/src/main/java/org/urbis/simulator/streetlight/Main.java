package org.urbis.simulator.streetlight;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fleet from the command line until interrupted:
 * <pre>java -jar urbis-simulator-streetlight-*-standalone.jar [broker-url] [count] [id-prefix] [topic-root] [status-seconds]</pre>
 * Defaults: {@code tcp://127.0.0.1:1883 10 SL-PT- urbis/luminaires 60}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("usage: [broker-url] [count] [id-prefix] [topic-root] [status-seconds]");
            System.out.println("defaults: tcp://127.0.0.1:1883 10 SL-PT- urbis/luminaires 60");
            return;
        }
        String broker = args.length > 0 ? args[0] : "tcp://127.0.0.1:1883";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String prefix = args.length > 2 ? args[2] : "SL-PT-";
        String root = args.length > 3 ? args[3] : "urbis/luminaires";
        long statusSeconds = args.length > 4 ? Long.parseLong(args[4]) : 60;
        LuminaireFleet fleet = new LuminaireFleet(FleetSettings.defaults(broker)
                .withIdPrefix(prefix)
                .withTopicRoot(root)
                .withStatusInterval(Duration.ofSeconds(statusSeconds)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            fleet.stop();
                            stopped.countDown();
                        },
                        "streetlight-simulator-stop"));
        fleet.start(count);
        System.out.println(count + " simulated luminaires " + fleet.nodeIds().get(0) + "... under " + root + "/ on "
                + broker + "; Ctrl-C stops them");
        stopped.await();
    }
}
