package org.urbis.dnp3.internal.master;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urbis.dnp3.Measurement;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectValue;

/** The measurements in a response fragment, with the outstation's timestamps where the objects carry them. */
final class Measurements {

    private Measurements() {}

    static List<Measurement> of(Fragment fragment) {
        List<Measurement> measurements = new ArrayList<>();
        for (ObjectBlock block : fragment.blocks()) {
            PointType type = block.type() == null ? null : block.type().pointType();
            if (type == null) {
                continue;
            }
            for (int i = 0; i < block.values().size(); i++) {
                ObjectValue.Point point = (ObjectValue.Point) block.values().get(i);
                Instant time = point.time() == ObjectValue.Point.NO_TIME ? null : Instant.ofEpochMilli(point.time());
                measurements.add(new Measurement(
                        type,
                        block.indices().get(i),
                        point.value(),
                        type.quality(point.flags()),
                        time,
                        block.type().event()));
            }
        }
        return measurements;
    }
}
