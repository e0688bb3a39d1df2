package org.urbis.dnp3.internal.outstation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.urbis.dnp3.AnalogOutput;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.internal.app.AppControl;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;
import org.urbis.dnp3.outstation.ControlHandler;

/**
 * SELECT, OPERATE and DIRECT_OPERATE of CROBs and analog outputs. An OPERATE acts only when it repeats the
 * objects of the SELECT just before it, with the next sequence number, within the select timeout; otherwise
 * every object gets NO_SELECT.
 */
final class Controls {

    private final ControlHandler handler;
    private final Duration selectTimeout;
    private List<ObjectBlock> selected;
    private int selectedSeq;
    private long selectedAt;

    Controls(ControlHandler handler, Duration selectTimeout) {
        this.handler = handler;
        this.selectTimeout = selectTimeout;
    }

    /** The request's objects with the status of each, or null when it holds anything but control objects. */
    List<ObjectBlock> handle(Fragment request, FunctionCode function, long now) {
        for (ObjectBlock block : request.blocks()) {
            ObjectType type = block.type();
            if (type == null || type.kind() != ObjectType.Kind.CROB && type.kind() != ObjectType.Kind.ANALOG_COMMAND) {
                return null;
            }
        }
        boolean operateValid = selected != null
                && AppControl.next(selectedSeq) == request.control().seq()
                && selected.equals(request.blocks())
                && now - selectedAt <= selectTimeout.toMillis();
        if (function == FunctionCode.OPERATE || function == FunctionCode.SELECT) {
            selected = null;
        }
        List<ObjectBlock> echo = new ArrayList<>();
        boolean allSuccess = true;
        for (ObjectBlock block : request.blocks()) {
            List<ObjectValue> values = new ArrayList<>();
            for (int i = 0; i < block.values().size(); i++) {
                int index = block.indices().get(i);
                ObjectValue value = block.values().get(i);
                CommandStatus status = function == FunctionCode.OPERATE && !operateValid
                        ? CommandStatus.NO_SELECT
                        : apply(function, block.type(), index, value);
                allSuccess &= status == CommandStatus.SUCCESS;
                values.add(withStatus(value, status));
            }
            echo.add(new ObjectBlock(block.header(), block.type(), block.indices(), values));
        }
        if (function == FunctionCode.SELECT && allSuccess) {
            selected = request.blocks();
            selectedSeq = request.control().seq();
            selectedAt = now;
        }
        return echo;
    }

    private CommandStatus apply(FunctionCode function, ObjectType type, int index, ObjectValue value) {
        boolean select = function == FunctionCode.SELECT;
        if (value instanceof ObjectValue.Control c) {
            return select ? handler.select(index, c.crob()) : handler.operate(index, c.crob());
        }
        AnalogOutput output = new AnalogOutput(
                AnalogOutput.Encoding.values()[type.variation() - 1], ((ObjectValue.AnalogCommand) value).value());
        return select ? handler.select(index, output) : handler.operate(index, output);
    }

    private static ObjectValue withStatus(ObjectValue value, CommandStatus status) {
        return value instanceof ObjectValue.Control c
                ? new ObjectValue.Control(c.crob(), status)
                : new ObjectValue.AnalogCommand(((ObjectValue.AnalogCommand) value).value(), status);
    }
}
