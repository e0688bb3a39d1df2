package org.urbis.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges point reads into as few requests as the limits allow: points of one table are sorted by
 * address and joined while the block stays within {@code maxSpan} registers (or {@code maxBitSpan}
 * bits) and the hole between two points is at most {@code maxGap}. Reading a few unused registers
 * is cheaper than another round trip; devices that refuse reads of unmapped registers need
 * {@code maxGap} 0.
 */
public final class BlockPlanner {

    private BlockPlanner() {}

    public static List<ReadBlock> plan(List<RegisterMapping> mappings, ModbusSettings settings) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, Table>comparing(i -> mappings.get(i).table())
                .thenComparingInt(i -> mappings.get(i).address()));
        List<ReadBlock> blocks = new ArrayList<>();
        Table table = null;
        int start = 0;
        int end = 0; // exclusive
        List<Integer> members = new ArrayList<>();
        for (int i : order) {
            RegisterMapping m = mappings.get(i);
            int span = m.table().bits() ? settings.maxBitSpan() : settings.maxSpan();
            int mEnd = m.address() + m.count();
            boolean joins =
                    table == m.table() && m.address() - end <= settings.maxGap() && Math.max(end, mEnd) - start <= span;
            if (!joins) {
                if (table != null) {
                    blocks.add(new ReadBlock(table, start, end - start, members));
                }
                table = m.table();
                start = m.address();
                end = mEnd;
                members = new ArrayList<>();
            } else {
                end = Math.max(end, mEnd);
            }
            members.add(i);
        }
        if (table != null) {
            blocks.add(new ReadBlock(table, start, end - start, members));
        }
        return blocks;
    }
}
