package org.urbis.dnp3.internal.app;

/** A fragment this stack cannot read to the end; what was read before the bad header is not used either. */
public final class ObjectParseException extends Exception {

    private static final long serialVersionUID = 1L;

    public ObjectParseException(String message) {
        super(message);
    }

    static ObjectParseException at(int group, int variation, int qualifier, String problem) {
        return new ObjectParseException(
                String.format("g%dv%d qualifier 0x%02X: %s", group, variation, qualifier, problem));
    }
}
