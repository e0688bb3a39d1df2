package org.urbis.dnp3.internal.outstation;

import org.urbis.dnp3.PointType;
import org.urbis.dnp3.internal.app.ObjectValue;

/** A change waiting in an event buffer until a confirmed response carried it. */
record Event(PointType type, int index, int eventClass, ObjectValue.Point value) {}
