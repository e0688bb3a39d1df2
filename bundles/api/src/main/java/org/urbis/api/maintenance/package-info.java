/**
 * Maintenance mode: windows during which a device, or every device of a group, is being worked on.
 * Its alarms are still recorded but not notified, schedules leave it alone and commands to it are
 * refused unless forced.
 */
@Export
@Version("1.0.0")
package org.urbis.api.maintenance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
