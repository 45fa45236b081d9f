package dev.grader.cli;

import dev.grader.run.Sandbox;
import picocli.CommandLine.Option;

/** Where the test JVMs run (SECURITY.md). */
final class SandboxOptions {

  @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "none", converter = SandboxConverter.class,
      description = "Where the tests run: none (a local process with limits; default) or docker (a container; needs a"
          + " Docker engine). See SECURITY.md.")
  Sandbox sandbox;
}
