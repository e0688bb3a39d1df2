package org.urbis.dnp3;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/** Receives what an association reports; called on the association's I/O thread, so it must not block. */
@ConsumerType
public interface AssociationListener {

    /** The values of one response fragment, in the order of the fragment. */
    void measurements(List<Measurement> measurements);

    default void stateChanged(AssociationState state) {}

    /**
     * The outstation's internal indications changed (DEVICE_TROUBLE set or cleared, say), whether or not the response
     * carried values; changes of the class 1-3 event bits alone are not told, the master acts on them itself.
     */
    default void indicationsChanged(Set<IinFlag> indications) {}
}
