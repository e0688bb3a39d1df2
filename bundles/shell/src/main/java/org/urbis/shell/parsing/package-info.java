/**
 * Parsing helpers for the urbis console commands of every bundle: {@link org.urbis.shell.parsing.SignedNumbers}
 * lets a command take negative numbers as arguments and option values.
 */
@Export
@Version("1.0.0")
package org.urbis.shell.parsing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
