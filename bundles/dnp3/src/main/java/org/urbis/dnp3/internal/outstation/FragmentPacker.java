package org.urbis.dnp3.internal.outstation;

import java.util.ArrayList;
import java.util.List;
import org.urbis.dnp3.internal.app.AppControl;
import org.urbis.dnp3.internal.app.FragmentWriter;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectHeader;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;

/** Lays response blocks out over as many fragments of the largest size as they need, in order. */
final class FragmentPacker {

    private static final int RESPONSE_HEADER = 4;
    private static final int EVENTS_PER_BLOCK = 32;

    /** A block of a response and the events it carries (none for static data). */
    record Item(ObjectBlock block, List<Event> events) {}

    private FragmentPacker() {}

    /** One fragment's items per fragment; at least one fragment, maybe empty. */
    static List<List<Item>> pack(List<Item> items, int maxFragment) {
        List<List<Item>> fragments = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        int size = RESPONSE_HEADER;
        for (Item item : items) {
            int itemSize = size(item.block());
            if (!current.isEmpty() && size + itemSize > maxFragment) {
                fragments.add(current);
                current = new ArrayList<>();
                size = RESPONSE_HEADER;
            }
            current.add(item);
            size += itemSize;
        }
        fragments.add(current);
        return fragments;
    }

    private static int size(ObjectBlock block) {
        return FragmentWriter.response(AppControl.single(false, false, 0), FunctionCode.RESPONSE, 0)
                        .block(block)
                        .size()
                - RESPONSE_HEADER;
    }

    /** Events as indexed blocks, one per run of the same object. */
    static List<Item> events(List<Event> events) {
        List<Item> items = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= events.size(); i++) {
            if (i == events.size()
                    || objectOf(events.get(i)) != objectOf(events.get(from))
                    || i - from == EVENTS_PER_BLOCK) {
                List<Event> run = List.copyOf(events.subList(from, i));
                List<Integer> indices = run.stream().map(Event::index).toList();
                List<ObjectValue> values =
                        run.stream().map(e -> (ObjectValue) e.value()).toList();
                int qualifier =
                        indices.stream().allMatch(x -> x <= 0xFF) ? ObjectHeader.INDEXED_8 : ObjectHeader.INDEXED_16;
                ObjectType type = objectOf(run.get(0));
                ObjectHeader header = new ObjectHeader(type.group(), type.variation(), qualifier, 0, run.size());
                items.add(new Item(new ObjectBlock(header, type, indices, values), run));
                from = i;
            }
        }
        return items;
    }

    private static ObjectType objectOf(Event event) {
        return Variations.eventType(event.type());
    }
}
