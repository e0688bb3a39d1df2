package org.urbis.dnp3.internal.master;

import java.util.List;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;

/** Acknowledges an outstation's restart by writing 0 to IIN1.7 (g80v1 index 7). */
final class ClearRestartTask extends MasterTask {

    private static final int DEVICE_RESTART_BIT = 7;

    ClearRestartTask() {
        super(Kind.CLEAR_RESTART, null);
    }

    @Override
    byte[] request(int seq) {
        return Requests.of(FunctionCode.WRITE, seq)
                .range(ObjectType.G80V1, DEVICE_RESTART_BIT, List.of(new ObjectValue.Bit(false)))
                .toBytes();
    }

    @Override
    Step response(Fragment response) {
        return Step.DONE;
    }
}
