package org.urbis.dnp3.internal.master;

import java.util.concurrent.CompletableFuture;
import org.urbis.dnp3.internal.app.Fragment;

/**
 * One request (or a short fixed sequence of them, like SELECT then OPERATE) the master runs while no other is
 * outstanding. Lower kinds run first.
 */
abstract class MasterTask {

    /** What a task is, in the order the master runs them when several wait. */
    enum Kind {
        COMMAND,
        DISABLE_UNSOLICITED,
        CLEAR_RESTART,
        TIME_SYNC,
        INTEGRITY,
        ENABLE_UNSOLICITED,
        EVENT_POLL,
        STATIC_POLL;

        /** Tasks the master itself needs done, and so runs again after a backoff when they fail. */
        boolean needed() {
            return this == DISABLE_UNSOLICITED
                    || this == CLEAR_RESTART
                    || this == TIME_SYNC
                    || this == INTEGRITY
                    || this == ENABLE_UNSOLICITED;
        }
    }

    /** What follows a task's final response fragment. */
    enum Step {
        DONE,
        NEXT_REQUEST
    }

    private final Kind kind;
    private final CompletableFuture<Void> done;

    /**
     * @param done completed with the task when an on-demand caller waits for it, null for the master's own tasks
     */
    MasterTask(Kind kind, CompletableFuture<Void> done) {
        this.kind = kind;
        this.done = done;
    }

    Kind kind() {
        return kind;
    }

    /** The request of the current step with this sequence number. */
    abstract byte[] request(int seq);

    /** The final fragment of the response to the current step. */
    abstract Step response(Fragment response);

    /** Tells an on-demand caller the task is done. */
    void finish() {
        if (done != null) {
            done.complete(null);
        }
    }

    /** No response came, or the connection went; the task ends. */
    void failed(String reason) {
        if (done != null) {
            done.completeExceptionally(new IllegalStateException(reason));
        }
    }

    /** Whether an on-demand caller waits for this task; such a task is not repeated when it fails. */
    boolean onDemand() {
        return done != null;
    }

    /** Whether a queued task makes this one superfluous. */
    boolean sameAs(MasterTask other) {
        return kind == other.kind && kind != Kind.COMMAND && !onDemand() && !other.onDemand();
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
