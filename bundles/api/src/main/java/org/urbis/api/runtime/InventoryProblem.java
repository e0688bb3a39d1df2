package org.urbis.api.runtime;

/**
 * One thing wrong with an inventory file.
 *
 * @param file     the file's name
 * @param location where in it: {@code line 12}, {@code feature 3 (SL-0003)}; empty for the whole file
 * @param message  what is wrong
 */
public record InventoryProblem(String file, String location, String message) {

    @Override
    public String toString() {
        return file + (location.isEmpty() ? "" : ", " + location) + ": " + message;
    }
}
