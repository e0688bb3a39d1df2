/**
 * The command contract shared by every command source (shell, operations centre, schedules) and the control pipeline.
 */
@Export
@Version("1.4.0")
package org.urbis.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
