package dev.grader.run.child;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The run protocol's shared definitions: start arguments, event lines. */
class RunProtocolTest {

    @Test
    void whatTheGraderEncodesTheTestJvmDecodes() {
        StartArgs first = new StartArgs("tcp:4711", "/g/classes/hidden", 4000, 8192, 64L << 20, 1000, null);
        StartArgs restart =
                new StartArgs("unix:/c/events.sock", "/g/a=b", 4000, 8192, 64L << 20, 1000, "/g/selection-1.txt");

        assertEquals(first, StartArgs.decode(first.encode().toArray(String[]::new)));
        assertEquals(restart, StartArgs.decode(restart.encode().toArray(String[]::new)));
        assertTrue(
                first.encode().stream().noneMatch(a -> a.startsWith("--selection")),
                first.encode().toString());
        StartArgs ownTests =
                new StartArgs("tcp:1", "/g/tests", 4000, 8192, 64L << 20, 1000, null, true, "/g/variants.txt");
        assertEquals(ownTests, StartArgs.decode(ownTests.encode().toArray(String[]::new)));
        StartArgs parallel = new StartArgs(
                "tcp:1",
                "/g/hidden",
                4000,
                8192,
                64L << 20,
                1000,
                null,
                false,
                null,
                2,
                List.of("ConcurrencyTest", "a.B"),
                "/g/tests.txt");
        assertEquals(parallel, StartArgs.decode(parallel.encode().toArray(String[]::new)));
        assertTrue(
                parallel.encode().contains("--tests=/g/tests.txt"),
                parallel.encode().toString());
        assertTrue(
                first.encode().stream()
                        .noneMatch(a -> a.startsWith("--coverage")
                                || a.startsWith("--variants")
                                || a.startsWith("--parallel")
                                || a.startsWith("--isolated")
                                || a.startsWith("--tests")),
                "optional arguments only when given: " + first.encode());
    }

    @Test
    void unknownRepeatedOrMissingArgumentsAreRefused() {
        List<String> good = new StartArgs("tcp:1", "/h", 1, 0, 1, 1, null).encode();
        assertThrows(IllegalArgumentException.class, () -> StartArgs.decode("--colour=red"));
        assertThrows(IllegalArgumentException.class, () -> StartArgs.decode("tcp:1", "/h", "1", "0", "1", "1"));
        assertThrows(
                IllegalArgumentException.class,
                () -> StartArgs.decode(good.subList(1, good.size()).toArray(String[]::new)));
        assertThrows(IllegalArgumentException.class, () -> StartArgs.decode(good.get(0), good.get(0)));
        assertThrows(IllegalArgumentException.class, () -> new StartArgs("http://x", "/h", 1, 0, 1, 1, null));
    }

    @Test
    void aHugeExceptionMessageIsClippedSoTheEventStaysWithinALine() {
        String message = EventListener.message(new AssertionError("x".repeat(5_000_000)));
        String trace = EventListener.trace(new AssertionError("y".repeat(5_000_000)));

        assertTrue(message.length() < EventListener.MAX_TEXT + 100, "message of " + message.length() + " characters");
        assertTrue(message.endsWith(" more characters not kept]"), message.substring(message.length() - 60));
        assertTrue(trace.length() < EventListener.MAX_TEXT + 100, "trace of " + trace.length() + " characters");
    }

    @Test
    void anEventCarriesOnlyItsOwnFields() {
        assertEquals(
                "{\"event\":\"started\",\"id\":\"a \\\"b\\\"\"}",
                Event.STARTED.line().with(Field.ID, "a \"b\"").toString());
        assertThrows(IllegalArgumentException.class, () -> Event.STARTED.line().with(Field.STATUS, "passed"));
    }
}
