package org.urbis.notify.internal.config;

import java.util.List;
import java.util.Map;

/**
 * The channels and rules of every configuration file, read together.
 *
 * @param files         each file's JSON text, by name
 * @param unknownGroups groups that rules name but no device is in (yet), each with the file and field that names it
 */
public record Setup(
        Map<String, String> files, Map<String, Channel> channels, List<Rule> rules, List<String> unknownGroups) {

    public static final Setup EMPTY = new Setup(Map.of(), Map.of(), List.of(), List.of());
}
