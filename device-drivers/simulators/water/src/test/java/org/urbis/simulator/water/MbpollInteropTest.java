package org.urbis.simulator.water;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator read and written by mbpoll, a Modbus master nobody here wrote (Debian package mbpoll). */
class MbpollInteropTest {

    private WaterSimulator sim;
    private String mbpoll;

    @BeforeEach
    void start() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, "mbpoll");
            if (f.canExecute()) {
                mbpoll = f.getPath();
                break;
            }
        }
        assumeTrue(mbpoll != null, "mbpoll is not installed (Debian package mbpoll): the interop check is skipped");
        sim = WaterSimulator.start(2);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(mbpoll, "-m", "tcp", "-p", Integer.toString(sim.port()), "-1"));
        command.addAll(List.of(args));
        command.add("127.0.0.1");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "mbpoll finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private String write(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(mbpoll, "-m", "tcp", "-p", Integer.toString(sim.port())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "mbpoll finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void mbpollReadsTheProcessValues() throws Exception {
        sim.rtu(1).travelSeconds(20);
        String out = run("-a", "1", "-r", "1", "-c", "9", "-t", "3");
        assertTrue(out.contains("[1]: \t500"), "position 50.0 % as 500:\n" + out);
        assertTrue(out.contains("[7]: \t275"), "temperature 27.5 °C as 275:\n" + out);
        String flow = run("-a", "1", "-r", "3", "-c", "1", "-t", "3:float");
        assertTrue(flow.contains("[3]: \t200"), "flow 200 m³/h, float32 with the low word first:\n" + flow);
        String bits = run("-a", "2", "-r", "1", "-c", "2", "-t", "1");
        assertTrue(bits.contains("[1]: \t0") && bits.contains("[2]: \t0"), "REMOTE, no fault:\n" + bits);
    }

    @Test
    void mbpollWritesTheSetpointAndSeesExceptionCodes() throws Exception {
        String out = write("-a", "1", "-r", "1", "-t", "4", "127.0.0.1", "300");
        assertTrue(out.contains("Written 1 references"), out);
        assertEquals(300, sim.rtu(1).holding(0));
        String refused = run("-a", "1", "-r", "501", "-c", "1", "-t", "4");
        assertTrue(refused.contains("Illegal data address"), refused);
        sim.proxy().inject(Fault.exception(6), 1);
        String busy = run("-a", "1", "-r", "1", "-c", "1", "-t", "4");
        assertTrue(busy.toLowerCase().contains("busy"), busy);
    }
}
