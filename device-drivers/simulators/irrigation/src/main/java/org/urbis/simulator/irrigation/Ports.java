package org.urbis.simulator.irrigation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A free TCP port for a simulator asked to pick one. */
final class Ports {

    private Ports() {
    }

    static int free(InetAddress bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            return s.getLocalPort();
        }
    }
}
