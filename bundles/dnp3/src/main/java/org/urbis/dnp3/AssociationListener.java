package org.urbis.dnp3;

import java.util.List;

/** Receives what an association reports; called on the association's I/O thread, so it must not block. */
public interface AssociationListener {

    /** The values of one response fragment, in the order of the fragment. */
    void measurements(List<Measurement> measurements);

    default void stateChanged(AssociationState state) {
    }
}
