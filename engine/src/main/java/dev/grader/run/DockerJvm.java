package dev.grader.run;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/** A test JVM in a container: its log feeds the sinks; closing removes the container and all in it. */
final class DockerJvm implements TestJvm {
    private final GenericContainer<?> container;
    private final CappedSink stdout = new CappedSink(ForkedTestRunner.PROCESS_OUTPUT_CAP);
    private final CappedSink stderr = new CappedSink(ForkedTestRunner.PROCESS_OUTPUT_CAP);
    private final ContainerProcesses processes = new ContainerProcesses();
    private Integer exitCode;
    private boolean closed;

    DockerJvm(GenericContainer<?> container) {
        this.container = container;
    }

    void accept(OutputFrame frame) {
        byte[] bytes = frame.getBytes();
        if (bytes == null) {
            return;
        }
        (frame.getType() == OutputFrame.OutputType.STDERR ? stderr : stdout).accept(bytes, 0, bytes.length);
    }

    @Override
    public CappedSink stdout() {
        return stdout;
    }

    @Override
    public CappedSink stderr() {
        return stderr;
    }

    @Override
    public synchronized boolean isAlive() {
        return !closed && state() == null;
    }

    /** The exit code once the container stopped, else null. */
    private synchronized Integer state() {
        if (exitCode != null || closed) {
            return exitCode;
        }
        try {
            InspectContainerResponse.ContainerState s = DockerClientFactory.instance()
                    .client()
                    .inspectContainerCmd(container.getContainerId())
                    .exec()
                    .getState();
            if (Boolean.FALSE.equals(s.getRunning()) && s.getExitCodeLong() != null) {
                exitCode = s.getExitCodeLong().intValue();
            }
        } catch (RuntimeException e) {
            // gone: treated as still unknown
        }
        return exitCode;
    }

    @Override
    public Integer waitFor(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Integer code = state();
            if (code != null || System.nanoTime() >= end) {
                return code;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** Notes the processes the JVM started; they stay in the container and end with it. */
    @Override
    public void watch() {
        if (!closed) {
            processes.watch(DockerClientFactory.instance().client(), container.getContainerId());
        }
    }

    @Override
    public String processNote() {
        return processes.note();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            state();
            if (exitCode == null) {
                processes.look(DockerClientFactory.instance().client(), container.getContainerId());
            }
            closed = true;
        }
        try {
            container.stop();
        } catch (RuntimeException e) {
            // the grader's shutdown hook removes it (TestcontainersSetup)
        }
    }
}
