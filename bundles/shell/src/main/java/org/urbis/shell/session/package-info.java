/**
 * The console session as commands of every bundle see it: {@link org.urbis.shell.session.ConsoleCaller}, the user
 * and roles a command acts for.
 */
@Export
@Version("1.0.0")
package org.urbis.shell.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
