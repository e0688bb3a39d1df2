package org.urbis.dnp3.internal.master;

import org.urbis.dnp3.internal.app.AppControl;
import org.urbis.dnp3.internal.app.FragmentWriter;
import org.urbis.dnp3.internal.app.FunctionCode;

/** The first line of every master request: a single fragment, no confirm asked. */
final class Requests {

    private Requests() {}

    static FragmentWriter of(FunctionCode function, int seq) {
        return FragmentWriter.request(AppControl.single(false, false, seq), function);
    }
}
