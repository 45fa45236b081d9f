package dev.grader.cli;

import dev.grader.run.Sandbox;
import dev.grader.support.docker.ContainerImages;
import picocli.CommandLine.Option;

/** Where the test JVMs run (SECURITY.md). */
final class SandboxOptions {

    @Option(
            names = "--sandbox",
            paramLabel = "MODE",
            defaultValue = "none",
            converter = SandboxConverter.class,
            description =
                    "Where the tests run: none (a local process with limits; default) or docker (a container; needs a"
                            + " Docker engine). See SECURITY.md.")
    Sandbox sandbox;

    @Option(
            names = "--sandbox-image",
            paramLabel = "IMAGE",
            description = "The test JVM's image for --sandbox docker (also $GRADER_SANDBOX_IMAGE; default "
                    + ContainerImages.DEFAULT_SANDBOX + "); any image with java on its PATH, used in its stead.")
    String image;
}
