package org.urbis.driver.gridmeter.internal;

import java.util.List;
import org.urbis.dnp3.AssociationStats;

/**
 * The DNP3 associations the driver keeps, for the operators' {@code urbis:dnp3} view. A service of this bundle
 * only: its package is not exported.
 */
public interface Dnp3Associations {

    /** One meter's association: the device, its address and the master's counters. */
    record Entry(String device, String address, AssociationStats stats) {}

    List<Entry> associations();
}
