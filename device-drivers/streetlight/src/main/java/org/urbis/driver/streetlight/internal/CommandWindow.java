package org.urbis.driver.streetlight.internal;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Bounds the commands awaiting their node's answer, over every node reached through one link. Each brings back an
 * acknowledgement and a status through the broker, whose queue of messages for one client is bounded (a stock
 * mosquitto drops messages for a client beyond 1,000 waiting): the driver keeps at most {@code size} of them out, and the
 * others wait here for a place, in the order they came.
 */
final class CommandWindow {

    private final int size;
    // guarded by this
    private int held;
    private final ArrayDeque<Place> waiting = new ArrayDeque<>();

    CommandWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a command window holds at least one command, not " + size);
        }
        this.size = size;
    }

    /** A command's place: taken when it is sent, given back when its node answers or its time is up. */
    final class Place {
        private final BooleanSupplier send;
        // guarded by CommandWindow.this
        private boolean holding;
        private boolean ended;

        private Place(BooleanSupplier send) {
            this.send = send;
        }

        /** Gives the place back, or leaves the queue: the command was answered, failed or ran out of time. */
        void release() {
            Place next;
            synchronized (CommandWindow.this) {
                if (ended) {
                    return;
                }
                ended = true;
                if (!holding) {
                    waiting.remove(this);
                    return;
                }
                holding = false;
                held--;
                next = nextToSend();
            }
            start(next);
        }
    }

    /**
     * Sends now if a place is free, else once one is. {@code send} runs on the thread that freed the place and must
     * not block; it returns false when it sent nothing (its command's time ran out while it waited, or the publish
     * failed), and the place goes to the next.
     */
    Place enter(BooleanSupplier send) {
        Place place = new Place(send);
        synchronized (this) {
            if (held >= size) {
                waiting.add(place);
                return place;
            }
            held++;
            place.holding = true;
        }
        start(place);
        return place;
    }

    /** Commands out at once, at most. */
    int size() {
        return size;
    }

    /** Commands sent and not answered yet. */
    synchronized int held() {
        return held;
    }

    /** Commands waiting for a place. */
    synchronized int waiting() {
        return waiting.size();
    }

    private Place nextToSend() {
        Place next = waiting.poll();
        if (next != null) {
            held++;
            next.holding = true;
        }
        return next;
    }

    /** Sends; a place whose command sent nothing goes to the next waiting, in a loop (a dead link fails them all). */
    private void start(Place place) {
        while (place != null && !place.send.getAsBoolean()) {
            synchronized (this) {
                if (place.ended) {
                    return; // released while it was sending (its command failed there): passed on already
                }
                place.ended = true;
                place.holding = false;
                held--;
                place = nextToSend();
            }
        }
    }
}
