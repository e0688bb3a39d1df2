package org.urbis.api.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataTypeTest {

    @Test
    void convertsWithoutLoss() {
        assertEquals(42L, DataType.INTEGER.coerce(42));
        assertEquals(42L, DataType.INTEGER.coerce("42"));
        assertEquals(42L, DataType.INTEGER.coerce(42.0));
        assertEquals(0.5, DataType.FLOAT.coerce("0.5"));
        assertEquals(1.0, DataType.FLOAT.coerce(true));
        assertEquals(Boolean.TRUE, DataType.BOOLEAN.coerce("on"));
        assertEquals(Boolean.FALSE, DataType.BOOLEAN.coerce(0));
        assertEquals("7", DataType.STRING.coerce(7));
    }

    @Test
    void aFloatKeepsItsOwnDigits() {
        assertEquals(3.42, DataType.FLOAT.coerce(3.42f));
        assertEquals(-0.1, DataType.FLOAT.coerce(-0.1f));
        assertEquals(42L, DataType.INTEGER.coerce(42f));
    }

    @Test
    void refusesWhatWouldLoseInformation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataType.INTEGER.coerce(4.5));
        assertTrue(e.getMessage().contains("'4.5' is not a valid INTEGER"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataType.BOOLEAN.coerce("maybe"));
        assertThrows(IllegalArgumentException.class, () -> DataType.BOOLEAN.coerce(2));
        assertThrows(IllegalArgumentException.class, () -> DataType.FLOAT.coerce("NaN"));
        assertThrows(IllegalArgumentException.class, () -> DataType.FLOAT.coerce(null));
    }

    @Test
    void pointsRejectContradictoryDefinitions() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Point.builder("dim", DataType.FLOAT).limits(100.0, 0.0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Point.builder("on", DataType.BOOLEAN).limits(0.0, 1.0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Point.builder("p", DataType.FLOAT).deadband(-1).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Point.builder("p", DataType.FLOAT)
                        .selectBeforeOperate(true)
                        .build());
        Point dim = Point.builder("dim", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .limits(0.0, 100.0)
                .build();
        assertTrue(dim.withinLimits(100.0));
        assertEquals("[0, 100]", dim.limits().range());
    }
}
