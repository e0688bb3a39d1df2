package org.urbis.dnp3.internal.master;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.urbis.dnp3.TimeSyncMode;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;

/**
 * Sets the outstation's clock. LAN: RECORD_CURRENT_TIME, then WRITE g50v3 with the time that request left.
 * Non-LAN: DELAY_MEASURE, then WRITE g50v1 with the time now plus half the round trip less the outstation's
 * own processing delay (its g52 reply).
 */
final class TimeSyncTask extends MasterTask {

    private final TimeSyncMode mode;
    private final Clock clock;
    private boolean measured;
    private long sentAt;
    private long propagationDelay;

    TimeSyncTask(TimeSyncMode mode, Clock clock, CompletableFuture<Void> done) {
        super(Kind.TIME_SYNC, done);
        this.mode = mode == TimeSyncMode.NONE ? TimeSyncMode.LAN : mode;
        this.clock = clock;
    }

    @Override
    byte[] request(int seq) {
        if (!measured) {
            sentAt = clock.millis();
            return Requests.of(
                            mode == TimeSyncMode.LAN ? FunctionCode.RECORD_CURRENT_TIME : FunctionCode.DELAY_MEASURE,
                            seq)
                    .toBytes();
        }
        if (mode == TimeSyncMode.LAN) {
            return Requests.of(FunctionCode.WRITE, seq)
                    .counted(ObjectType.G50V3, List.of(new ObjectValue.Time(sentAt)))
                    .toBytes();
        }
        return Requests.of(FunctionCode.WRITE, seq)
                .counted(ObjectType.G50V1, List.of(new ObjectValue.Time(clock.millis() + propagationDelay)))
                .toBytes();
    }

    @Override
    Step response(Fragment response) {
        if (measured) {
            finish();
            return Step.DONE;
        }
        measured = true;
        if (mode == TimeSyncMode.NON_LAN) {
            long roundTrip = clock.millis() - sentAt;
            long outstationDelay = response.blocks().stream()
                    .filter(b -> b.type() == ObjectType.G52V1 || b.type() == ObjectType.G52V2)
                    .mapToLong(TimeSyncTask::delayMillis)
                    .findFirst()
                    .orElse(0);
            propagationDelay = Math.max(0, (roundTrip - outstationDelay) / 2);
        }
        return Step.NEXT_REQUEST;
    }

    private static long delayMillis(ObjectBlock block) {
        long delay = ((ObjectValue.Delay) block.values().get(0)).delay();
        return block.type() == ObjectType.G52V1 ? delay * 1000 : delay;
    }
}
