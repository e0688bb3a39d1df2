package org.urbis.dnp3.internal.master;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.urbis.dnp3.Association;
import org.urbis.dnp3.AssociationConfig;
import org.urbis.dnp3.AssociationListener;
import org.urbis.dnp3.DialInPort;
import org.urbis.dnp3.Dnp3Master;

/** The master: associations spread round-robin over a few I/O loops. */
public final class NioMaster implements Dnp3Master {

    private final List<IoLoop> loops = new ArrayList<>();
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Clock clock;

    public NioMaster(int ioThreads, Clock clock) throws IOException {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("a master needs at least one I/O thread: " + ioThreads);
        }
        this.clock = clock;
        for (int i = 0; i < ioThreads; i++) {
            loops.add(new IoLoop("dnp3-master-" + i));
        }
    }

    private IoLoop loop() {
        return loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
    }

    @Override
    public Association connect(InetSocketAddress outstation, AssociationConfig config, AssociationListener listener) {
        IoLoop loop = loop();
        MasterSession session = track(new MasterSession(loop, config, listener, clock, outstation));
        loop.execute(session::start);
        return session;
    }

    @Override
    public DialInPort listen(InetSocketAddress address) throws IOException {
        IoLoop loop = loop();
        DialInListener port = new DialInListener(
                loop, address, (config, listener) -> track(new MasterSession(loop, config, listener, clock, null)));
        opened.add(port);
        return port;
    }

    /** Keeps a session to close with the master, forgetting those closed already. */
    private MasterSession track(MasterSession session) {
        opened.removeIf(o -> o instanceof MasterSession closed && closed.closing());
        opened.add(session);
        return session;
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; the loops stop below anyway
            }
        }
        loops.forEach(loop -> loop.execute(loop::close));
    }
}
