package org.urbis.dnp3.internal.outstation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectHeader;
import org.urbis.dnp3.internal.app.ObjectType;

/**
 * What a READ asks for, header by header: classes, static points of a type (all, a range, or listed indices, in
 * the default or a named variation), events of a type. Headers it cannot serve set IIN2.1 or IIN2.2.
 */
record ReadPlan(List<FragmentPacker.Item> items, int iin) {

    static ReadPlan of(Fragment request, PointStore points, EventBuffer events) {
        List<FragmentPacker.Item> items = new ArrayList<>();
        int iin = 0;
        for (ObjectBlock block : request.blocks()) {
            ObjectHeader header = block.header();
            PointType pointType = ObjectType.pointType(header.group());
            if (header.group() == 60 && header.variation() == 1 && header.qualifier() == ObjectHeader.ALL) {
                points.all().forEach(b -> items.add(new FragmentPacker.Item(b, List.of())));
            } else if (header.group() == 60 && header.variation() >= 2 && header.variation() <= 4) {
                int eventClass = header.variation() - 1;
                items.addAll(events(events, e -> e.eventClass() == eventClass, header));
            } else if (pointType != null && isEventGroup(header.group()) && header.variation() == 0) {
                items.addAll(events(events, e -> e.type() == pointType, header));
            } else if (pointType != null && !isEventGroup(header.group()) && staticObject(block) != null) {
                IntPredicate wanted = indices(block);
                if (wanted == null) {
                    iin |= IinFlag.PARAMETER_ERROR.mask();
                    continue;
                }
                points.blocks(pointType, staticObject(block), wanted)
                        .forEach(b -> items.add(new FragmentPacker.Item(b, List.of())));
            } else {
                iin |= IinFlag.OBJECT_UNKNOWN.mask();
            }
        }
        return new ReadPlan(items, iin);
    }

    private static boolean isEventGroup(int group) {
        return group == 2 || group == 4 || group == 22 || group == 23 || group == 32;
    }

    /** The object to report with: the default for variation 0, else the one named if it is a static object. */
    private static ObjectType staticObject(ObjectBlock block) {
        if (block.header().variation() == 0) {
            return Variations.staticType(ObjectType.pointType(block.header().group()));
        }
        ObjectType type = block.type();
        return type != null && type.pointType() != null && !type.event() ? type : null;
    }

    private static IntPredicate indices(ObjectBlock block) {
        ObjectHeader header = block.header();
        if (header.qualifier() == ObjectHeader.ALL) {
            return i -> true;
        }
        if (header.range()) {
            return i -> i >= header.start() && i < header.start() + header.count();
        }
        if (header.indexed()) {
            return block.indices()::contains;
        }
        return null;
    }

    private static List<FragmentPacker.Item> events(EventBuffer events, Predicate<Event> filter, ObjectHeader header) {
        int limit = header.qualifier() == ObjectHeader.COUNT_8 || header.qualifier() == ObjectHeader.COUNT_16
                ? header.count()
                : Integer.MAX_VALUE;
        return FragmentPacker.events(events.select(filter, limit));
    }
}
