/**
 * The driver SPI. A vendor implements {@link org.urbis.api.driver.DeviceDriver} and registers it as an OSGi service.
 */
@Export
@Version("1.1.0")
package org.urbis.api.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
