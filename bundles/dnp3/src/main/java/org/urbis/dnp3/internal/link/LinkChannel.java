package org.urbis.dnp3.internal.link;

import java.io.ByteArrayOutputStream;
import org.urbis.dnp3.internal.transport.Reassembler;
import org.urbis.dnp3.internal.transport.Segmenter;

/**
 * The link and transport layers of one station pair on one connection: frames in, fragments out and back. It
 * sends user data unconfirmed (what TCP makes reasonable), answers the peer's link services as a secondary
 * station, and drops frames that are not addressed from the peer to this station.
 */
public final class LinkChannel {

    /** Where bytes go and fragments arrive. */
    public interface Peer {
        void send(byte[] bytes);

        void fragment(byte[] fragment);

        /** A LINK_STATUS answered this station's REQUEST_LINK_STATUS. */
        default void linkStatus() {}
    }

    private final boolean master;
    private final int local;
    private final int remote;
    private final Peer peer;
    private final LinkParser parser = new LinkParser();
    private final Reassembler reassembler;
    private final Segmenter segmenter = new Segmenter();
    private boolean reset;
    private boolean expectedFcb;

    public LinkChannel(boolean master, int local, int remote, int maxFragment, Peer peer) {
        this.master = master;
        this.local = local;
        this.remote = remote;
        this.peer = peer;
        this.reassembler = new Reassembler(maxFragment);
    }

    public void receive(byte[] bytes, int offset, int count) {
        for (LinkFrame frame : parser.feed(bytes, offset, count)) {
            if (frame.destination() == local && frame.source() == remote && frame.dir() != master) {
                handle(frame);
            }
        }
    }

    private void handle(LinkFrame frame) {
        switch (frame.function()) {
            case RESET_LINK_STATES -> {
                reset = true;
                expectedFcb = true;
                reply(LinkFunction.ACK);
            }
            case TEST_LINK_STATES -> reply(LinkFunction.ACK);
            case REQUEST_LINK_STATUS -> reply(LinkFunction.LINK_STATUS);
            case CONFIRMED_USER_DATA -> confirmed(frame);
            case UNCONFIRMED_USER_DATA -> deliver(frame.data());
            case LINK_STATUS -> peer.linkStatus();
            default -> {
                // ACK, NACK, NOT_SUPPORTED: this station never sends confirmed frames
            }
        }
    }

    /** Confirmed data needs a reset link first; a repeated FCB is a retry of a frame already taken. */
    private void confirmed(LinkFrame frame) {
        if (!reset) {
            reply(LinkFunction.NACK);
            return;
        }
        reply(LinkFunction.ACK);
        if (!frame.fcv() || frame.fcb() == expectedFcb) {
            expectedFcb = !expectedFcb;
            deliver(frame.data());
        }
    }

    private void deliver(byte[] segment) {
        byte[] fragment = reassembler.accept(segment);
        if (fragment != null) {
            peer.fragment(fragment);
        }
    }

    private void reply(LinkFunction function) {
        peer.send(new LinkFrame(master, function, false, false, remote, local, null).encode());
    }

    /** Sends a fragment as one write of all its frames. */
    public void send(byte[] fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] segment : segmenter.segments(fragment)) {
            out.writeBytes(LinkFrame.primary(master, LinkFunction.UNCONFIRMED_USER_DATA, remote, local, segment)
                    .encode());
        }
        peer.send(out.toByteArray());
    }

    public void requestLinkStatus() {
        peer.send(LinkFrame.primary(master, LinkFunction.REQUEST_LINK_STATUS, remote, local, null)
                .encode());
    }

    public long crcErrors() {
        return parser.crcErrors();
    }
}
