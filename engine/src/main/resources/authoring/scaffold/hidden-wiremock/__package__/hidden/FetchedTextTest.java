package @@PACKAGE@@.hidden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import @@PACKAGE@@.WordCounter;
import dev.grader.support.wiremock.FlakyDownstream;
import dev.grader.support.wiremock.Reply;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A hidden suite with a fake HTTP service: FlakyDownstream starts WireMock for this class and resets it per test. */
@Tag("correctness")
class FetchedTextTest {

  @RegisterExtension static final FlakyDownstream downstream = FlakyDownstream.create();

  @Test
  void countsTheWordsOfATextFetchedOverHttp() throws Exception {
    downstream.stub("GET", "/notes/1", Reply.status(200).body("first  line\nsecond\tline"));
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(downstream.uri("/notes/1")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(4, WordCounter.count(response.body()),
        "a note of four words over two lines, with a double space and a tab");
  }
}
