package org.urbis.simulator.water;

/**
 * A fault the {@link FaultProxy} applies to requests.
 *
 * @param kind   what happens
 * @param arg    the delay in milliseconds (DELAY), the exception code (EXCEPTION) or the seed of the noise (CORRUPT)
 * @param unit   the unit it applies to, or 0 for every unit
 */
public record Fault(Kind kind, int arg, int unit) {

    public enum Kind {
        /** The reply comes {@code arg} ms late. */
        DELAY,
        /** The request is answered with exception code {@code arg} instead of being served. */
        EXCEPTION,
        /** The connection is closed when the request arrives. */
        DROP,
        /** The request is served but the reply is garbled: its byte count and data are cut short. */
        GARBLE,
        /** The request is swallowed: no reply at all. */
        SILENCE,
        /** The request is served but one to four bits of the reply are flipped at random, as line noise would. */
        CORRUPT
    }

    public static Fault delay(int millis) {
        return new Fault(Kind.DELAY, millis, 0);
    }

    public static Fault exception(int code) {
        return new Fault(Kind.EXCEPTION, code, 0);
    }

    public static Fault drop() {
        return new Fault(Kind.DROP, 0, 0);
    }

    public static Fault garble() {
        return new Fault(Kind.GARBLE, 0, 0);
    }

    /** Noise on the replies, the same for the same {@code seed}. */
    public static Fault corrupt(int seed) {
        return new Fault(Kind.CORRUPT, seed, 0);
    }

    public static Fault silence() {
        return new Fault(Kind.SILENCE, 0, 0);
    }

    /** The same fault, only for requests to one unit. */
    public Fault forUnit(int unitId) {
        return new Fault(kind, arg, unitId);
    }
}
