package dev.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What the report says of the processes seen in a test JVM's container ({@code docker top}'s table). */
class ContainerProcessesTest {

    private static final String[] TITLES = {"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"};
    private static final String JVM = "java -Xmx256m -cp /grader/runner dev.grader.run.boot.RunnerBoot --token-env";

    @Test
    void theTestJvmAloneIsNoProcessOfTheCodeUnderTest() {
        ContainerProcesses p = new ContainerProcesses();
        p.add(TITLES, new String[][] {{"1000", "4242", "4200", "9", "06:01", "?", "00:00:01", JVM}});
        assertNull(p.note());
    }

    @Test
    void everyOtherProcessIsNamedOnceInTheOrderSeen() {
        ContainerProcesses p = new ContainerProcesses();
        p.add(TITLES, new String[][] {
            {"1000", "4242", "4200", "9", "06:01", "?", "00:00:01", JVM},
            {"1000", "4300", "4242", "0", "06:01", "?", "00:00:00", "sleep 654321"}
        });
        p.add(TITLES, new String[][] {
            {"1000", "4300", "4242", "0", "06:01", "?", "00:00:00", "sleep 654321"},
            {"1000", "4301", "1", "0", "06:01", "?", "00:00:00", "sleep 654322"}
        });
        assertEquals(
                "the code under test started 2 processes in the test JVM's container (sleep 654321; sleep 654322):"
                        + " any still running were killed with the container",
                p.note());
    }

    @Test
    void aJavaProcessThatIsNotTheRunnerCounts() {
        ContainerProcesses p = new ContainerProcesses();
        p.add(TITLES, new String[][] {{"1000", "77", "1", "0", "06:01", "?", "00:00:00", "java -version"}});
        assertEquals(
                "the code under test started 1 process in the test JVM's container (java -version):"
                        + " any still running were killed with the container",
                p.note());
    }

    @Test
    void aTableWithoutPidOrCmdColumnsIsIgnored() {
        ContainerProcesses p = new ContainerProcesses();
        p.add(new String[] {"USER", "COMMAND"}, new String[][] {{"root", "sleep 1"}});
        assertNull(p.note());
    }
}
