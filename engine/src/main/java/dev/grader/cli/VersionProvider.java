package dev.grader.cli;

import dev.grader.model.GraderInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "grader " + GraderInfo.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
