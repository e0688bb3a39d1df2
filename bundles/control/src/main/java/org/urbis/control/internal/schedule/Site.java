package org.urbis.control.internal.schedule;

import java.time.ZoneId;

/** Where schedules run: the site's time zone and position, for local times and the sun. */
public record Site(ZoneId zone, double latitude, double longitude) {}
