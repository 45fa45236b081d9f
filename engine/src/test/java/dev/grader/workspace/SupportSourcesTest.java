package dev.grader.workspace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupportSourcesTest {

    @Test
    void thePolicyPackageTravelsToStartersThatAskForIt(@TempDir Path dir) throws IOException {
        SupportSources.copy(List.of("core", "policy"), dir);
        Path policy = dir.resolve("dev/grader/support/policy");
        for (String cls : List.of("CodePolicy", "Rules", "Finding", "ClassScanner", "Hierarchy", "ResourceScan")) {
            assertTrue(Files.isRegularFile(policy.resolve(cls + ".java")), cls + " is copied");
        }
        assertTrue(Files.isRegularFile(dir.resolve("dev/grader/support/Seeds.java")));
        assertFalse(Files.exists(dir.resolve("dev/grader/support/postgres")), "only the packages asked for");
    }

    @Test
    void postgresBringsTheDockerHelpersItUsesInAPackageOfTheirOwn(@TempDir Path dir) throws IOException {
        SupportSources.copy(List.of("core", "postgres"), dir);
        assertTrue(Files.isRegularFile(dir.resolve("dev/grader/support/postgres/PostgresServers.java")));
        assertTrue(Files.isRegularFile(dir.resolve("dev/grader/support/docker/DockerProbe.java")));
        assertFalse(
                Files.exists(dir.resolve("dev/grader/support/postgres/DockerProbe.java")),
                "Docker's probe is not among the PostgreSQL helpers");
    }
}
