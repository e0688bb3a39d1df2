package org.urbis.dnp3.support;

import java.util.ArrayList;
import java.util.List;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FragmentParser;
import org.urbis.dnp3.internal.app.ObjectParseException;
import org.urbis.dnp3.internal.link.LinkFrame;
import org.urbis.dnp3.internal.link.LinkFunction;
import org.urbis.dnp3.internal.link.LinkParser;
import org.urbis.dnp3.internal.transport.Reassembler;

/** What a tap saw, decoded: the link frames and application fragments of one direction. */
public final class Traffic {

    private final List<LinkFrame> frames = new ArrayList<>();
    private final List<Fragment> fragments = new ArrayList<>();

    public Traffic(List<Tap.Chunk> chunks, boolean fromMaster) {
        LinkParser parser = new LinkParser();
        Reassembler reassembler = new Reassembler(65536);
        for (Tap.Chunk chunk : chunks) {
            if (chunk.fromMaster() != fromMaster) {
                continue;
            }
            for (LinkFrame frame : parser.feed(chunk.bytes(), 0, chunk.bytes().length)) {
                frames.add(frame);
                if (frame.function() == LinkFunction.UNCONFIRMED_USER_DATA) {
                    byte[] fragment = reassembler.accept(frame.data());
                    if (fragment != null) {
                        fragments.add(parse(fragment));
                    }
                }
            }
        }
    }

    private static Fragment parse(byte[] fragment) {
        try {
            return FragmentParser.parse(fragment);
        } catch (ObjectParseException e) {
            throw new AssertionError("undecodable fragment on the wire: " + e.getMessage(), e);
        }
    }

    public List<LinkFrame> frames() {
        return frames;
    }

    public List<Fragment> fragments() {
        return fragments;
    }
}
