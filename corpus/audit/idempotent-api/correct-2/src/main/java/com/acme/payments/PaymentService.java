package com.acme.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * {@code POST /payments}: charges through the payment provider, safe to retry with an Idempotency-Key.
 * See README.md. Keep the signatures of {@link #start}, {@link #port}, {@link #baseUri} and {@link #close}.
 */
public final class PaymentService implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private PaymentService(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the service on {@code address} (port 0: any free port).
   *
   * @param dataSource the database; payments go to {@link Schema}'s table
   * @param providerBaseUrl the payment provider, e.g. {@code http://127.0.0.1:8089}; charges are {@code POST {base}/charges}
   * @param clock the only source of time for retention
   * @param providerTimeout how long to wait for the provider's answer to one charge
   */
  public static PaymentService start(DataSource dataSource, URI providerBaseUrl, Clock clock,
      Duration providerTimeout, InetSocketAddress address) throws IOException {
    Schema.apply(dataSource);
    KeyTable.create(dataSource);
    ObjectMapper mapper = new ObjectMapper();
    PaymentsEndpoint endpoint = new PaymentsEndpoint(dataSource,
        new ChargeGateway(providerBaseUrl, providerTimeout, mapper), clock);
    HttpServer server = HttpServer.create(address, 0);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "payments-http-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor); // requests are handled concurrently, up to 32 at once
    server.createContext("/", endpoint);
    server.start();
    return new PaymentService(server, executor);
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://<address>:<port>}. */
  public URI baseUri() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
