package com.acme.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** JSON in and out; strict about what a success body must hold. */
final class Bodies {

  /** Thrown when a success body is not the documented JSON. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads one value out of a success body. */
  @FunctionalInterface
  interface Reader<T> {
    T read(byte[] body) throws Malformed;
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Bodies() {}

  static byte[] reservationRequest(String sku, int quantity) {
    ObjectNode node = JSON.createObjectNode();
    node.put("sku", sku);
    node.put("quantity", quantity);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a two-field object", e);
    }
  }

  static StockLevel stockLevel(byte[] body) throws Malformed {
    JsonNode root = object(body);
    String sku = text(root, "sku");
    int available = integer(root, "available");
    if (available < 0) {
      throw new Malformed("available is negative: " + available);
    }
    return new StockLevel(sku, available);
  }

  static Reservation reservation(byte[] body) throws Malformed {
    JsonNode root = object(body);
    String id = text(root, "id");
    String sku = text(root, "sku");
    int quantity = integer(root, "quantity");
    if (quantity < 1) {
      throw new Malformed("quantity is below 1: " + quantity);
    }
    return new Reservation(id, sku, quantity);
  }

  private static JsonNode object(byte[] body) throws Malformed {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new Malformed("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new Malformed("not a JSON object");
    }
    return root;
  }

  private static String text(JsonNode root, String field) throws Malformed {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw new Malformed(field + " is missing or not a string");
    }
    return node.textValue();
  }

  private static int integer(JsonNode root, String field) throws Malformed {
    JsonNode node = root.get(field);
    if (node == null || !node.isIntegralNumber()) {
      throw new Malformed(field + " is missing or not an integer");
    }
    if (!node.canConvertToInt()) {
      throw new Malformed(field + " is out of range: " + node.asText());
    }
    return node.intValue();
  }
}
