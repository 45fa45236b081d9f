package dev.grader.support.interleave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Points count and perturb only inside a scope; a closed scope turns them off; nonsense settings are refused. */
class InterleavingsTest {

    @Test
    void pointsCountOnlyWhileAScopeIsOpen() {
        long before = Interleavings.reached();
        Interleavings.point();
        assertEquals(before, Interleavings.reached(), "off: nothing counted");
        try (Interleavings.Scope on = Interleavings.on(1, 1_000_000, 1)) {
            for (int i = 0; i < 10; i++) {
                Interleavings.point(); // yields every time: still returns
            }
        }
        assertEquals(before + 10, Interleavings.reached());
        Interleavings.point();
        assertEquals(before + 10, Interleavings.reached(), "closed: off again");
    }

    @Test
    void aParkedPointReturnsAfterAtMostItsLongestPark() {
        try (Interleavings.Scope on = Interleavings.on(1, 1, 2_000_000)) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                Interleavings.point(); // parks every time, up to 2 ms
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis < 2_000, "20 parks of up to 2 ms took " + tookMillis + " ms");
        }
    }

    @Test
    void anOlderScopeClosedLateDoesNotTurnOffANewerOne() {
        long before = Interleavings.reached();
        Interleavings.Scope first = Interleavings.on(1_000, 1_000, 1);
        try (Interleavings.Scope second = Interleavings.on(1_000, 1_000, 1)) {
            first.close();
            Interleavings.point();
        }
        assertEquals(before + 1, Interleavings.reached());
    }

    @Test
    void settingsBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Interleavings.on(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Interleavings.on(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Interleavings.on(1, 1, 0));
    }
}
