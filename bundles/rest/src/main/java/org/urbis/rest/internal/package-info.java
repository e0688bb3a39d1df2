/** The REST API's resources, security and live events; private to the bundle. */
package org.urbis.rest.internal;
