package org.urbis.dnp3.internal.outstation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectHeader;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;

/** The current value of every point, and the static objects that report them. */
final class PointStore {

    private static final int MAX_PER_BLOCK = 64;
    private static final int RESTART = 0x02;

    /** A point's class (0 for none) and value. */
    private static final class Stored {
        final int eventClass;
        ObjectValue.Point value;

        Stored(int eventClass, ObjectValue.Point value) {
            this.eventClass = eventClass;
            this.value = value;
        }
    }

    private final Map<PointType, TreeMap<Integer, Stored>> points = new EnumMap<>(PointType.class);

    /** Adds a point; until its first update it reads 0 with RESTART, as after a restart. */
    void define(PointType type, int index, int eventClass) {
        points.computeIfAbsent(type, t -> new TreeMap<>())
                .put(index, new Stored(eventClass, new ObjectValue.Point(0, RESTART, ObjectValue.Point.NO_TIME)));
    }

    /**
     * Stores a value.
     *
     * @return the event class of the point when the value or flags changed, 0 for none, -1 for an unknown point
     */
    int update(PointType type, int index, ObjectValue.Point value) {
        Stored stored = points.getOrDefault(type, new TreeMap<>()).get(index);
        if (stored == null) {
            return -1;
        }
        boolean changed = stored.value.value() != value.value() || stored.value.flags() != value.flags();
        stored.value = value;
        return changed ? stored.eventClass : 0;
    }

    /** Every point of every type (class 0). */
    List<ObjectBlock> all() {
        List<ObjectBlock> blocks = new ArrayList<>();
        for (PointType type : points.keySet()) {
            blocks.addAll(blocks(type, Variations.staticType(type), i -> true));
        }
        return blocks;
    }

    /** The points of a type whose indices pass, in range blocks of the given object. */
    List<ObjectBlock> blocks(PointType type, ObjectType object, IntPredicate indices) {
        List<ObjectBlock> blocks = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        List<ObjectValue> values = new ArrayList<>();
        for (Map.Entry<Integer, Stored> e :
                points.getOrDefault(type, new TreeMap<>()).entrySet()) {
            if (!indices.test(e.getKey())) {
                continue;
            }
            boolean contiguous = run.isEmpty() || e.getKey() == run.get(run.size() - 1) + 1;
            if (!contiguous || run.size() == MAX_PER_BLOCK) {
                blocks.add(range(object, run, values));
                run.clear();
                values.clear();
            }
            run.add(e.getKey());
            values.add(e.getValue().value);
        }
        if (!run.isEmpty()) {
            blocks.add(range(object, run, values));
        }
        return blocks;
    }

    private static ObjectBlock range(ObjectType object, List<Integer> run, List<ObjectValue> values) {
        int start = run.get(0);
        int stop = run.get(run.size() - 1);
        int qualifier = stop <= 0xFF ? ObjectHeader.START_STOP_8 : ObjectHeader.START_STOP_16;
        return new ObjectBlock(
                new ObjectHeader(object.group(), object.variation(), qualifier, start, run.size()),
                object,
                run,
                values);
    }
}
