package dev.grader.run.child;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
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
  private final BufferedReader reader;

  EventChannel(int port, String token) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    send("{\"event\":\"hello\",\"token\":" + Json.quote(token) + "}");
  }

  /** Blocks until the grader says "go" (true) or anything else, or closes the channel (false). */
  boolean awaitGo() throws IOException {
    return "go".equals(reader.readLine());
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
