/**
 * The driver test kit: run a driver in the platform's device runtime without OSGi
 * ({@link org.urbis.testkit.DriverRuntime}), record what a session reports
 * ({@link org.urbis.testkit.RecordingCallback}), read the driver's own profiles
 * ({@link org.urbis.testkit.Profiles}), and check a driver against the contract every session must
 * keep ({@link org.urbis.testkit.DriverContractTest}). A plain jar for test scope, not a bundle.
 */
package org.urbis.testkit;
