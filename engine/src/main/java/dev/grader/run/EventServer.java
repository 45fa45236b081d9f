package dev.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grader.run.child.Control;
import dev.grader.run.child.Event;
import dev.grader.run.child.Field;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The grader's end of the event channel of one test JVM: a loopback TCP port, or a Unix domain socket file
 * in a folder mounted into the test JVM's container. It accepts one connection, the first that presents
 * the one-time token; everything else is closed unread. Events never travel through the JVM's stdout, so
 * text the code under test prints cannot pass for them.
 */
final class EventServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest event line accepted; the runner's largest events (a trace, a test's output) are far smaller. */
    private static final int MAX_LINE = 4 << 20;

    private final ServerSocketChannel server;
    private final String childAddress;
    private final Path socketFile;

    private EventServer(ServerSocketChannel server, String childAddress, Path socketFile) throws IOException {
        this.server = server;
        this.childAddress = childAddress;
        this.socketFile = socketFile;
        server.configureBlocking(false);
    }

    /** A loopback TCP port. */
    static EventServer tcp() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            return new EventServer(s, "tcp:" + ((InetSocketAddress) s.getLocalAddress()).getPort(), null);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A Unix domain socket at {@code hostFile}, which the test JVM reaches as {@code childPath}. */
    static EventServer unix(Path hostFile, String childPath) throws IOException {
        Files.deleteIfExists(hostFile);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            s.bind(UnixDomainSocketAddress.of(hostFile), 1);
            return new EventServer(s, "unix:" + childPath, hostFile);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A Unix domain socket in a new folder under {@code parent} (its owner's only), which the test JVM reaches as
     * {@code childPath}. Closing removes both; so does the grader's exit, should a run cut short leave them.
     */
    static EventServer unixInFolderOfItsOwn(Path parent, String childPath) throws IOException {
        Path dir = Files.createTempDirectory(parent, "grader-channel-");
        dir.toFile().deleteOnExit(); // deleted after the socket: the last registered goes first
        dir.resolve("events.sock").toFile().deleteOnExit();
        return unix(dir.resolve("events.sock"), childPath);
    }

    /** The address to give the test JVM ({@code tcp:PORT} or {@code unix:PATH}). */
    String childAddress() {
        return childAddress;
    }

    /**
     * Waits for the test JVM to connect and present {@code token}, then sends it {@code properties} (system
     * properties to set before the tests run, one {@link Control#property} line each) and says {@link Control#GO}. Returns null when {@code alive} turns false or the deadline passes first.
     */
    Connection accept(String token, Map<String, String> properties, BooleanSupplier alive, long deadlineNanos)
            throws IOException {
        while (true) {
            SocketChannel ch = server.accept();
            if (ch != null) {
                ch.configureBlocking(true);
                Connection c = new Connection(ch);
                Object hello = c.poll(Math.min(5000, Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000)));
                if (hello instanceof JsonNode node
                        && Event.of(node.path(Field.EVENT.wire()).asText()) == Event.HELLO
                        && token.equals(node.path(Field.TOKEN.wire()).asText())) {
                    for (Map.Entry<String, String> p : properties.entrySet()) {
                        c.send(Control.property(p.getKey(), p.getValue()));
                    }
                    c.send(Control.GO);
                    return c;
                }
                c.close();
                continue;
            }
            if (!alive.getAsBoolean() || System.nanoTime() > deadlineNanos) {
                return null;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
                Files.deleteIfExists(socketFile.getParent()); // a folder of its own (DockerLauncher.openChannel)
            } catch (IOException e) {
                // not empty, or already gone: the grade's folder or the temporary folder's cleaning takes it
            }
        }
    }

    /** The folder holding the socket file, which the test JVM's container mounts; null for a TCP channel. */
    Path socketDir() {
        return socketFile == null ? null : socketFile.getParent();
    }

    /** The end of the stream: the test JVM closed the channel or died. */
    record EndOfStream() {}

    /**
     * One accepted connection: a daemon thread reads JSON lines into a queue. Reads and writes use the
     * channel directly, so a blocked read never holds up a write.
     */
    static final class Connection implements EventSource, AutoCloseable {
        private final SocketChannel channel;
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        Connection(SocketChannel channel) {
            this.channel = channel;
            Thread reader = new Thread(this::read, "test-jvm-events");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public Object poll(long millis) {
            try {
                return events.poll(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new EndOfStream();
            }
        }

        @Override
        public void reply(String line) {
            try {
                send(line);
            } catch (IOException e) {
                // the test JVM closed the channel: the end of its stream says so
            }
        }

        void send(String line) throws IOException {
            ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        private void read() {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean overlong = false;
            try {
                while (channel.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        byte b = buf.get();
                        if (b != '\n') {
                            if (line.size() < MAX_LINE) {
                                line.write(b);
                            } else {
                                overlong = true;
                            }
                            continue;
                        }
                        if (!overlong) {
                            try {
                                events.add(JSON.readTree(line.toString(StandardCharsets.UTF_8)));
                            } catch (IOException e) {
                                // a malformed line cannot come from the runner; ignore it
                            }
                        }
                        line.reset();
                        overlong = false;
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // closed
            }
            events.add(new EndOfStream());
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
