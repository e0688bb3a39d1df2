package org.urbis.modbus;

import java.util.List;

/**
 * One read request covering several points of one table.
 *
 * @param table  the table read
 * @param start  first address
 * @param count  registers or bits read
 * @param points indexes of the points it serves, in the list given to {@link BlockPlanner#plan}
 */
public record ReadBlock(Table table, int start, int count, List<Integer> points) {

    public ReadBlock {
        points = List.copyOf(points);
    }
}
