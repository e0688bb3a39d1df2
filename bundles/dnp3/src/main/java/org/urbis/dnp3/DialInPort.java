package org.urbis.dnp3;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A listening TCP port for outstations that dial in (over cellular, behind NAT). Each connection is given to the
 * association whose outstation address is the source of its first link frame; several per port.
 */
@ProviderType
public interface DialInPort extends AutoCloseable {

    int port();

    /** An association for the outstation with the configured address, served when it dials in. */
    Association accept(AssociationConfig config, AssociationListener listener);

    /** Stops listening; the associations it accepted stay until closed. */
    @Override
    void close();
}
