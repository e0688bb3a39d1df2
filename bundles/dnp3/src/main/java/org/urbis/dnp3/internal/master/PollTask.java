package org.urbis.dnp3.internal.master;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FragmentWriter;
import org.urbis.dnp3.internal.app.FunctionCode;

/**
 * A READ of classes, and the requests that name classes the same way (ENABLE and DISABLE_UNSOLICITED). The
 * values of the response go to the listener on their way in; the task only ends.
 */
final class PollTask extends MasterTask {

    private final FunctionCode function;
    private final List<Integer> classes;

    private PollTask(Kind kind, FunctionCode function, List<Integer> classes, CompletableFuture<Void> done) {
        super(kind, done);
        this.function = function;
        this.classes = List.copyOf(classes);
    }

    /** Class 1, 2, 3 and then 0, as IEEE 1815 orders an integrity poll. */
    static PollTask integrity(CompletableFuture<Void> done) {
        return new PollTask(Kind.INTEGRITY, FunctionCode.READ, List.of(1, 2, 3, 0), done);
    }

    static PollTask events(List<Integer> classes) {
        return new PollTask(Kind.EVENT_POLL, FunctionCode.READ, classes, null);
    }

    static PollTask staticData() {
        return new PollTask(Kind.STATIC_POLL, FunctionCode.READ, List.of(0), null);
    }

    static PollTask unsolicited(boolean enable) {
        return enable
                ? new PollTask(Kind.ENABLE_UNSOLICITED, FunctionCode.ENABLE_UNSOLICITED, List.of(1, 2, 3), null)
                : new PollTask(Kind.DISABLE_UNSOLICITED, FunctionCode.DISABLE_UNSOLICITED, List.of(1, 2, 3), null);
    }

    @Override
    byte[] request(int seq) {
        FragmentWriter writer = Requests.of(function, seq);
        for (int eventClass : classes) {
            writer.all(60, eventClass + 1);
        }
        return writer.toBytes();
    }

    @Override
    Step response(Fragment response) {
        finish();
        return Step.DONE;
    }

    @Override
    boolean sameAs(MasterTask other) {
        return super.sameAs(other) && other instanceof PollTask poll && poll.classes.equals(classes);
    }

    @Override
    public String toString() {
        return kind() + " " + classes;
    }
}
