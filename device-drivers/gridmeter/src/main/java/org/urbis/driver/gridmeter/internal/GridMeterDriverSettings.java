package org.urbis.driver.gridmeter.internal;

import java.time.Duration;
import org.urbis.modbus.ModbusSettings;

/**
 * The grid-meter driver's protocol settings, from its configuration or a test.
 *
 * @param ioThreads       threads of the DNP3 master serving every association
 * @param responseTimeout longest wait for each DNP3 response fragment
 * @param integrityPeriod period of the class 1230 integrity poll
 * @param class0Period    period of the class 0 (static) poll
 * @param eventPeriod     period of the class 1, 2 and 3 event polls
 * @param retry           first delay before reconnecting or repeating a failed DNP3 request
 * @param modbus          the Modbus meters' timeouts, retries and block limits
 * @param modbusPoll      how often Modbus meters whose entry sets no poll interval are read
 */
public record GridMeterDriverSettings(
        int ioThreads,
        Duration responseTimeout,
        Duration integrityPeriod,
        Duration class0Period,
        Duration eventPeriod,
        Duration retry,
        ModbusSettings modbus,
        Duration modbusPoll) {

    static GridMeterDriverSettings from(GridMeterDriverConfig c) {
        return new GridMeterDriverSettings(
                c.dnp3_ioThreads(),
                Duration.ofMillis(c.dnp3_responseTimeoutMillis()),
                Duration.ofSeconds(c.dnp3_integritySeconds()),
                Duration.ofSeconds(c.dnp3_class0Seconds()),
                Duration.ofSeconds(c.dnp3_eventPollSeconds()),
                Duration.ofMillis(c.dnp3_retryMillis()),
                new ModbusSettings(
                        Duration.ofMillis(c.modbus_timeoutMillis()),
                        c.modbus_retries(),
                        Duration.ofMillis(100),
                        ModbusSettings.DEFAULTS.maxSpan(),
                        ModbusSettings.DEFAULTS.maxGap(),
                        ModbusSettings.DEFAULTS.maxBitSpan()),
                Duration.ofSeconds(c.modbus_pollSeconds()));
    }
}
