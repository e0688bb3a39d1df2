package org.urbis.dnp3;

/** A command got no status from the outstation: not connected, no response in time, or a response that does not fit. */
public final class CommandFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandFailedException(String message) {
        super(message);
    }
}
