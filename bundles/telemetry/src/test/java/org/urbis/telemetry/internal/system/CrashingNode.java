package org.urbis.telemetry.internal.system;

import java.nio.file.Path;
import java.time.Duration;
import org.urbis.telemetry.internal.BdSeqFile;
import org.urbis.telemetry.internal.MapCatalogue;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.link.LinkSettings;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.sparkplug.SparkplugEncoding;
import org.urbis.telemetry.internal.store.DurableLog;
import org.urbis.telemetry.internal.store.LogSettings;
import org.urbis.telemetry.internal.thingsboard.ThingsBoardEncoding;

/**
 * A runtime in a process of its own, for the crash test: it appends counter updates as fast as it
 * can while forwarding them, and prints {@code accepted N} after every append, until it is killed.
 */
public final class CrashingNode {

    private CrashingNode() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String url = args[1];
        int devices = Integer.parseInt(args[2]);
        DurableLog log = DurableLog.open(dir, LogSettings.defaults());
        LinkSettings link = new LinkSettings(
                url,
                "urbis-crash",
                "",
                "",
                "",
                "",
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                Duration.ofMillis(50),
                Duration.ofMillis(500),
                500,
                100,
                Duration.ofSeconds(5));
        Encoding encoding = args.length > 3 && args[3].equals("sparkplug")
                ? new SparkplugEncoding(new NodeIdentity("crash", "node"), new BdSeqFile(dir.resolve("bdseq"))::next)
                : new ThingsBoardEncoding();
        new Uplink(link, encoding, new MapCatalogue(), log, r -> null).start();
        // Up to 100,000 updates/s, 200,000 at most: then it only forwards, until it is killed.
        for (int i = 0; i < 200_000; ) {
            log.append(Counting.updates(i, 100, devices));
            i += 100;
            System.out.println("accepted " + i);
            System.out.flush();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // pacing of the load
        }
        new java.util.concurrent.CountDownLatch(1).await();
    }
}
