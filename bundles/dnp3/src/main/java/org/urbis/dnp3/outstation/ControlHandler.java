package org.urbis.dnp3.outstation;

import org.osgi.annotation.versioning.ConsumerType;
import org.urbis.dnp3.AnalogOutput;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;

/**
 * What an outstation's outputs do with commands; the status returned goes back in the echoed object. Called on
 * the outstation's protocol thread. By default nothing is supported.
 */
@ConsumerType
public interface ControlHandler {

    /** Whether a SELECT of this CROB would be accepted; nothing moves yet. */
    default CommandStatus select(int index, Crob crob) {
        return CommandStatus.NOT_SUPPORTED;
    }

    default CommandStatus operate(int index, Crob crob) {
        return CommandStatus.NOT_SUPPORTED;
    }

    default CommandStatus select(int index, AnalogOutput output) {
        return CommandStatus.NOT_SUPPORTED;
    }

    default CommandStatus operate(int index, AnalogOutput output) {
        return CommandStatus.NOT_SUPPORTED;
    }
}
