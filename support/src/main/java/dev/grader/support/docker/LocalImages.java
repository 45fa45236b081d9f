package dev.grader.support.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Makes sure an image is on the Docker engine before the grader starts a container of it: one the engine holds is
 * used as it is; another is pulled once, its progress shown; one that cannot be pulled fails at once with the
 * image's name and what to do (Testcontainers, left to pull it, would retry for minutes, then fail without saying
 * which image of the grader's it was).
 */
public final class LocalImages {

    /** Images found or pulled by this JVM: checked once each. */
    private static final Set<String> READY = ConcurrentHashMap.newKeySet();

    private static final long PROGRESS_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long PULL_LIMIT_MINUTES = 30;

    private LocalImages() {}

    /**
     * Returns when the engine holds {@code image}, pulling it if needed and telling {@code progress} how the pull
     * goes; {@code option} names the option and environment variable that choose another image (for the message).
     *
     * @throws ImageUnavailableException when the image is neither on the engine nor can be pulled
     */
    public static void ensure(String image, String option, Consumer<String> progress) {
        if (READY.contains(image)) {
            return;
        }
        DockerClient client = DockerClientFactory.instance().client();
        try {
            client.inspectImageCmd(image).exec();
            READY.add(image);
            return;
        } catch (NotFoundException e) {
            // pulled below
        }
        progress.accept("pulling " + image + " (not on this Docker engine yet; once)");
        DockerImageName name = DockerImageName.parse(image);
        PullProgress callback = new PullProgress(image, progress, PROGRESS_PERIOD_NANOS);
        try {
            client.pullImageCmd(name.getUnversionedPart())
                    .withTag(name.getVersionPart())
                    .exec(callback)
                    .awaitCompletion(PULL_LIMIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUnavailableException(image + ": the pull was interrupted");
        } catch (RuntimeException e) {
            throw unavailable(image, option, e.getMessage());
        }
        if (callback.failure() != null) {
            throw unavailable(image, option, callback.failure());
        }
        try {
            client.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw unavailable(
                    image, option, "the pull ended without the image (within " + PULL_LIMIT_MINUTES + " min)");
        }
        progress.accept("pulled " + image);
        READY.add(image);
    }

    private static ImageUnavailableException unavailable(String image, String option, String why) {
        return new ImageUnavailableException("the image " + image + " is not on this Docker engine and could not be"
                + " pulled (" + firstLine(why) + "); pull or build it there (scripts/docker-host.sh start builds"
                + " local images without a registry), or name another with " + option);
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "no reason given";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** No image to start a container of. */
    public static final class ImageUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImageUnavailableException(String message) {
            super(message);
        }
    }
}
