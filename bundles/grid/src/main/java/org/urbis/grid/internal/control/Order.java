package org.urbis.grid.internal.control;

/** One command a controller wants sent: a point of a device set to a value. */
public record Order(String device, String point, Object value) {

    @Override
    public String toString() {
        return device + " " + point + "=" + value;
    }
}
