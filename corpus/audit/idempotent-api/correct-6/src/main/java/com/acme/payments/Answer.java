package com.acme.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** An HTTP answer: a status and the exact bytes of a JSON body. */
record Answer(int status, byte[] body) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Answer error(int status, String message) {
    ObjectNode node = MAPPER.createObjectNode().put("error", message);
    try {
      return new Answer(status, MAPPER.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
