package dev.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grader.run.child.Event;
import dev.grader.run.child.Event.Result;
import dev.grader.run.child.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order rules of the run protocol (docs/run-protocol.md), checked on one test JVM's event stream: one plan
 * before any test; one start and one finish per planned test (a skipped test may finish without a start); one test
 * at a time, as the runner runs them sequentially, or at most as many as the test classes the exercise lets run at once
 * ({@code parallel}), a container ending only when none of its tests is running; nothing after {@link Event#DONE}, and
 * by then every planned test finished or sits under a container that failed or was skipped; {@link Event#ALONE} at
 * most once, after the plan, while no test runs. The runner never breaks
 * them, so a stream that does was written to by something else: the run does not count.
 */
final class EventOrder {

    private final Map<String, List<String>> planned = new LinkedHashMap<>();
    private final Set<String> started = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> containers = new HashSet<>();
    private final Set<String> running = new LinkedHashSet<>();
    private final int maxRunning;
    private final boolean isolates;
    private boolean planSeen;
    private boolean aloneSeen;
    private boolean done;
    private String violation;

    /** The rules of a run whose tests run one at a time. */
    EventOrder() {
        this(1);
    }

    /** The rules of a run that may have {@code maxRunning} tests running at once, isolating no class. */
    EventOrder(int maxRunning) {
        this(maxRunning, false);
    }

    /**
     * The rules of a run that may have {@code maxRunning} tests running at once; {@code isolates}: the exercise lists
     * isolated classes, so the runner may ask to run them alone ({@link Event#ALONE}).
     */
    EventOrder(int maxRunning, boolean isolates) {
        this.maxRunning = maxRunning;
        this.isolates = isolates;
    }

    /** The first rule broken so far, as a phrase ("a second finish of test X"), or null. */
    String violation() {
        return violation;
    }

    /**
     * Checks the next event, {@code type} ({@code wire} is its name as sent, for an unknown one) with its fields
     * {@code e}; returns the first violation so far, or null.
     */
    String accept(Event type, String wire, JsonNode e) {
        if (violation == null) {
            violation = check(type, wire, e);
        }
        return violation;
    }

    private String check(Event type, String wire, JsonNode e) {
        if (type == null) {
            return "an event of unknown type \"" + wire + "\"";
        }
        String id = e.path(Field.ID.wire()).asText(null);
        switch (type) {
            case FATAL, EXIT, LIMIT -> {
                // The runner's last words may come at any time, the plan not yet sent; a thread of the code under test
                // may
                // pass a limit (or exit) in the moment between done and the JVM's halt. None of them makes a test pass.
                return null;
            }
            case HELLO -> {
                return "a second hello";
            }
            case PLAN -> {
                if (done || planSeen) {
                    return "a second plan";
                }
                planSeen = true;
                for (JsonNode t : e.path(Field.TESTS.wire())) {
                    String test = t.path(Field.ID.wire()).asText(null);
                    List<String> ancestors = new ArrayList<>();
                    t.path(Field.ANCESTORS.wire()).forEach(a -> ancestors.add(a.asText()));
                    if (test == null || planned.put(test, ancestors) != null) {
                        return test == null ? "a planned test without an id" : "test " + test + " planned twice";
                    }
                }
                return null;
            }
            default -> {
                if (done) {
                    return "a " + type.wire() + " event after done";
                }
                if (!planSeen) {
                    return "a " + type.wire() + " event before the plan";
                }
            }
        }
        return switch (type) {
            case STARTED -> started(id);
            case FINISHED -> finished(id, Result.of(e.path(Field.STATUS.wire()).asText()));
            case CONTAINER -> {
                containers.add(id);
                yield containerEnd(id);
            }
            case TICK -> running.isEmpty() ? "progress of no running test" : null;
            case ALONE -> alone();
            case DONE -> done();
            default -> throw new IllegalStateException("handled above: " + type);
        };
    }

    private String started(String id) {
        if (!planned.containsKey(id)) {
            return "a start of test " + id + ", which is not in the plan";
        }
        if (!started.add(id) || finished.contains(id)) {
            return "a second start of test " + id;
        }
        if (running.size() >= maxRunning) {
            String was =
                    maxRunning == 1 ? "test " + running.iterator().next() + " was" : running.size() + " tests were";
            running.add(id);
            return "a start of test " + id + " while " + was + " running";
        }
        running.add(id);
        return null;
    }

    private String finished(String id, Result result) {
        if (!planned.containsKey(id)) {
            return "a finish of test " + id + ", which is not in the plan";
        }
        if (result == null) {
            return "a finish of test " + id + " with no known status";
        }
        if (!finished.add(id)) {
            return "a second finish of test " + id;
        }
        if (running.remove(id)) {
            return null;
        }
        if (started.contains(id) || result != Result.SKIPPED) {
            return "a finish of test " + id + ", which was not running";
        }
        return maxRunning > 1 || running.isEmpty()
                ? null
                : "a skip of test " + id + " while test " + running.iterator().next() + " was running";
    }

    /** A container ended: never while one of its tests runs (nor, one test at a time, while any test runs). */
    private String containerEnd(String id) {
        for (String test : running) {
            if (maxRunning == 1 || planned.get(test).contains(id)) {
                return "a container's end while test " + test + " was running";
            }
        }
        return null;
    }

    /** The runner asks once, between the classes that share the JVM and the isolated ones. */
    private String alone() {
        if (!isolates) {
            return "an alone event in a run that isolates no class";
        }
        if (aloneSeen) {
            return "a second alone";
        }
        aloneSeen = true;
        return running.isEmpty()
                ? null
                : "alone while test " + running.iterator().next() + " was running";
    }

    private String done() {
        done = true;
        if (!running.isEmpty()) {
            return "done while test " + running.iterator().next() + " was running";
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> t : planned.entrySet()) {
            if (!finished.contains(t.getKey()) && t.getValue().stream().noneMatch(containers::contains)) {
                missing.add(t.getKey());
            }
        }
        return missing.isEmpty()
                ? null
                : "done with " + missing.size() + " planned test" + (missing.size() == 1 ? "" : "s")
                        + " never reported (" + missing.get(0) + (missing.size() > 1 ? ", ..." : "") + ")";
    }
}
