package dev.grader.run.child;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The test JVM's side of the event stream: JSON lines over a socket opened by the grader, either a
 * loopback TCP port ({@code tcp:PORT}) or a Unix domain socket file ({@code unix:PATH}, used when the
 * test JVM runs in a container). The first line presents the grader's one-time token.
 */
final class EventChannel implements AutoCloseable {

    private final SocketChannel socket;
    private final Writer writer;
    private final BufferedReader reader;

    EventChannel(String address, String token) throws IOException {
        SocketAddress target;
        if (address.startsWith("unix:")) {
            target = UnixDomainSocketAddress.of(address.substring("unix:".length()));
            socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        } else if (address.startsWith("tcp:")) {
            target = new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), Integer.parseInt(address.substring("tcp:".length())));
            socket = SocketChannel.open(StandardProtocolFamily.INET);
        } else {
            throw new IOException("unknown event channel address " + address);
        }
        socket.connect(target);
        writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(socket), StandardCharsets.UTF_8));
        reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(socket), StandardCharsets.UTF_8));
        send(Event.HELLO.line().with(Field.TOKEN, token));
    }

    /**
     * Blocks until the grader says "go" (true) or anything else, or closes the channel (false); the system
     * properties it sends before ({@link Control#property}: a fresh database's URL and credentials,
     * say, known only once the test JVM is running) are set. Called once, before any event but the hello is
     * sent: a blocked read would hold the channel's lock.
     */
    boolean awaitGo() throws IOException {
        while (true) {
            String line = reader.readLine();
            Map.Entry<String, String> property = Control.parseProperty(line);
            if (property == null) {
                return Control.GO.equals(line);
            }
            System.setProperty(property.getKey(), property.getValue());
        }
    }

    /**
     * Blocks until the grader answers an {@link Event#ALONE} with {@link Control#ALONE}; returns at once, false, when
     * the grader closed the channel (the run is over). Not synchronized: a blocked read must not hold up a send.
     */
    boolean awaitAlone() throws IOException {
        while (true) {
            String line = reader.readLine();
            if (line == null) {
                return false;
            }
            if (Control.ALONE.equals(line)) {
                return true;
            }
        }
    }

    synchronized void send(Json.Line event) {
        try {
            writer.write(event.toString());
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the grader closed the event channel", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            writer.flush();
        } finally {
            socket.close();
        }
    }
}
