package org.urbis.control.internal.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.command.Command;
import org.urbis.api.device.Point;

/**
 * Select-before-operate: a point that requires it is first selected by an issuer with a value, which reserves it
 * for that issuer's OPERATE with the same value until the select timeout; a point that does not require it takes
 * direct commands only.
 */
final class SelectBeforeOperate {

    /** A point reserved by SELECT for its issuer's OPERATE. */
    private record Selection(String issuer, Object value, Instant until) {}

    /**
     * What select-before-operate makes of a command: refused, or the point selected until a time (nothing is sent),
     * or neither: on to the device.
     */
    record Step(String refusal, Instant selectedUntil) {
        static final Step PROCEED = new Step(null, null);

        static Step refuse(String why) {
            return new Step(why, null);
        }
    }

    private final Duration timeout;
    private final Map<String, Selection> selections = new ConcurrentHashMap<>();

    SelectBeforeOperate(Duration timeout) {
        this.timeout = timeout;
    }

    Step step(DeviceCommand d, Instant now) {
        Command command = d.command();
        Point point = d.point();
        if (!point.selectBeforeOperate()) {
            return command.operation() == Command.Operation.DIRECT
                    ? Step.PROCEED
                    : Step.refuse(Refusal.SELECT_NOT_USED.because(
                            "point '" + point.name() + "' does not use select-before-operate; send it directly"));
        }
        String key = d.deviceId() + "/" + point.name();
        switch (command.operation()) {
            case DIRECT:
                return Step.refuse(Refusal.SELECT_REQUIRED.because(
                        "point '" + point.name() + "' must be selected before it is operated"));
            case SELECT: {
                Instant until = now.plus(timeout);
                Selection mine = new Selection(command.issuer(), d.value(), until);
                Selection held = selections.merge(
                        key,
                        mine,
                        (cur, next) -> cur.until().isAfter(now) && !cur.issuer().equals(next.issuer()) ? cur : next);
                if (held != mine) {
                    return Step.refuse(Refusal.SELECT_MISMATCH.because(
                            "point is selected by '" + held.issuer() + "' until " + held.until()));
                }
                return new Step(null, until);
            }
            case OPERATE: {
                Selection sel = selections.get(key);
                if (sel == null) {
                    return Step.refuse(Refusal.NOT_SELECTED.because("point '" + point.name() + "' is not selected"));
                }
                if (!sel.issuer().equals(command.issuer())) {
                    return Step.refuse(Refusal.SELECT_MISMATCH.because("point is selected by '" + sel.issuer() + "'"));
                }
                selections.remove(key, sel);
                if (!now.isBefore(sel.until())) {
                    return Step.refuse(Refusal.SELECT_TIMEOUT.because("the selection ran out at " + sel.until()));
                }
                if (!Readback.sameValue(point, sel.value(), d.value())) {
                    return Step.refuse(Refusal.SELECT_MISMATCH.because(
                            "selected " + sel.value() + " but operate asks for " + d.value()));
                }
                return Step.PROCEED;
            }
            default:
                throw new AssertionError(command.operation());
        }
    }
}
