package org.urbis.dnp3.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.urbis.dnp3.AssociationListener;
import org.urbis.dnp3.AssociationState;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.Measurement;
import org.urbis.dnp3.PointType;

/** Keeps everything an association reports. */
public final class Recorder implements AssociationListener {

    private final List<Measurement> measurements = new ArrayList<>();
    private final List<AssociationState> states = new ArrayList<>();
    private final List<Set<IinFlag>> indications = new ArrayList<>();

    @Override
    public synchronized void measurements(List<Measurement> received) {
        measurements.addAll(received);
    }

    @Override
    public synchronized void stateChanged(AssociationState state) {
        states.add(state);
    }

    @Override
    public synchronized void indicationsChanged(Set<IinFlag> changed) {
        indications.add(changed);
    }

    public synchronized List<Set<IinFlag>> indications() {
        return List.copyOf(indications);
    }

    public synchronized List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    public synchronized List<AssociationState> states() {
        return List.copyOf(states);
    }

    /** The latest value reported for a point. */
    public synchronized Optional<Measurement> latest(PointType type, int index) {
        for (int i = measurements.size() - 1; i >= 0; i--) {
            Measurement m = measurements.get(i);
            if (m.type() == type && m.index() == index) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
