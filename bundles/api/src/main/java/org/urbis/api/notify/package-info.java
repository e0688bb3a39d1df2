/**
 * Alarm notifications: rules that route alarms to e-mail and webhook channels, managed by an
 * administrator, and the record of every notification sent or failed.
 */
@Export
@Version("1.0.0")
package org.urbis.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
