package org.urbis.dnp3.internal.app;

import java.util.List;

/**
 * One object header with the objects that follow it.
 *
 * @param type the object, null only in a request without object data for an object this stack does not know
 * @param indices the point index of each object (the position in the header for time and delay objects); in a
 *     request without object data only the indices of a 0x17 or 0x28 header, a range is in the header
 * @param values the objects, empty in requests without object data (READ, ENABLE/DISABLE_UNSOLICITED)
 */
public record ObjectBlock(ObjectHeader header, ObjectType type, List<Integer> indices, List<ObjectValue> values) {

    public ObjectBlock {
        indices = List.copyOf(indices);
        values = List.copyOf(values);
        if (!values.isEmpty() && values.size() != indices.size()) {
            throw new IllegalArgumentException(
                    header.name() + ": " + values.size() + " objects, " + indices.size() + " indices");
        }
    }
}
