package org.urbis.dnp3.internal.app;

import java.util.List;
import org.urbis.dnp3.IinFlag;

/**
 * A parsed application fragment.
 *
 * @param iin the internal indications of a response, 0 in a request
 */
public record Fragment(AppControl control, FunctionCode function, int iin, List<ObjectBlock> blocks) {

    public Fragment {
        blocks = List.copyOf(blocks);
    }

    public boolean has(IinFlag flag) {
        return (iin & flag.mask()) != 0;
    }
}
