/**
 * The astronomical clock: sunrise, sunset and civil twilight for a place and a date, and the sun's elevation at an instant, used by
 * lighting schedules and by drivers that judge whether a lamp should be on.
 */
@Export
@Version("1.1.0")
package org.urbis.astro;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
