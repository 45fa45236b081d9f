package dev.grader.support.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PullResponseItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An image pull's progress from the engine's JSON progress messages (as {@code POST /images/create} streams them). */
class PullProgressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PullResponseItem item(String json) throws Exception {
        return JSON.readValue(json, PullResponseItem.class);
    }

    @Test
    void layersAreSummedIntoOneLine() throws Exception {
        List<String> told = new ArrayList<>();
        PullProgress p = new PullProgress("postgres:16.4-alpine", told::add, 0);
        p.onNext(item("{\"status\":\"Pulling from library/postgres\",\"id\":\"16.4-alpine\"}"));
        p.onNext(item("{\"status\":\"Downloading\",\"id\":\"a1\",\"progressDetail\":{\"current\":1048576,"
                + "\"total\":4194304}}"));
        p.onNext(item("{\"status\":\"Downloading\",\"id\":\"b2\",\"progressDetail\":{\"current\":2097152,"
                + "\"total\":8388608}}"));
        assertEquals(
                List.of(
                        "pulling postgres:16.4-alpine: 1 of 4 MB of 1 layers",
                        "pulling postgres:16.4-alpine: 3 of 12 MB of 2 layers"),
                told);
        assertNull(p.failure());
    }

    @Test
    void aLineAtMostOncePerPeriod() throws Exception {
        List<String> told = new ArrayList<>();
        PullProgress p = new PullProgress("x:1", told::add, java.util.concurrent.TimeUnit.HOURS.toNanos(1));
        p.onNext(item("{\"status\":\"Downloading\",\"id\":\"a1\",\"progressDetail\":{\"current\":1,\"total\":2}}"));
        assertEquals(List.of(), told);
    }

    @Test
    void theEnginesErrorIsKept() throws Exception {
        PullProgress p = new PullProgress("x:1", s -> {}, 0);
        p.onNext(item("{\"error\":\"manifest unknown\",\"errorDetail\":{\"message\":\"manifest for x:1 not found\"}}"));
        assertEquals("manifest for x:1 not found", p.failure());
    }
}
