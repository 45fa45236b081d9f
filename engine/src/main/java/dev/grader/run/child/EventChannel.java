package dev.grader.run.child;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The test JVM's side of the event stream: JSON lines over a loopback socket opened by the grader. */
final class EventChannel implements AutoCloseable {

  private final Socket socket;
  private final Writer writer;

  EventChannel(int port, String token) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    send("{\"event\":\"hello\",\"token\":" + Json.quote(token) + "}");
  }

  synchronized void send(String jsonLine) {
    try {
      writer.write(jsonLine);
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the grader closed the event channel", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.flush();
    socket.close();
  }
}
