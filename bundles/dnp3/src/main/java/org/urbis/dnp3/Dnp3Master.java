package org.urbis.dnp3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.dnp3.internal.master.NioMaster;

/**
 * A DNP3 master: many outstation associations served by a few non-blocking I/O threads. One slow or silent
 * outstation never delays another's requests.
 */
@ProviderType
public interface Dnp3Master extends AutoCloseable {

    /**
     * A master with its own I/O threads.
     *
     * @param ioThreads how many; one or two per core is plenty for hundreds of associations
     */
    static Dnp3Master create(int ioThreads) throws IOException {
        return new NioMaster(ioThreads, Clock.systemUTC());
    }

    /** An association to an outstation listening on TCP; it connects now and reconnects with backoff. */
    Association connect(InetSocketAddress outstation, AssociationConfig config, AssociationListener listener);

    /** Listens for outstations that dial in. */
    DialInPort listen(InetSocketAddress address) throws IOException;

    /** Closes every association and port and stops the I/O threads. */
    @Override
    void close();
}
