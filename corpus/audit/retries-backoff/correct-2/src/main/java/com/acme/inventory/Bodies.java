package com.acme.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out. */
final class Bodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Bodies() {}

  /** Turns a 2xx body into a value, or null when it is malformed. */
  @FunctionalInterface
  interface Reader<T> {
    T read(JsonNode root);
  }

  static String reservationRequest(String sku, int quantity) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sku", sku);
    m.put("quantity", quantity);
    try {
      return MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The root object, or null when the text is not a JSON object. */
  static JsonNode object(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(text);
      return n != null && n.isObject() ? n : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static StockLevel stockLevel(JsonNode root) {
    JsonNode sku = root.get("sku");
    JsonNode available = root.get("available");
    if (!isString(sku) || !isInt(available) || available.intValue() < 0) {
      return null;
    }
    return new StockLevel(sku.textValue(), available.intValue());
  }

  static Reservation reservation(JsonNode root) {
    JsonNode id = root.get("id");
    JsonNode sku = root.get("sku");
    JsonNode quantity = root.get("quantity");
    if (!isString(id) || !isString(sku) || !isInt(quantity) || quantity.intValue() < 1) {
      return null;
    }
    return new Reservation(id.textValue(), sku.textValue(), quantity.intValue());
  }

  private static boolean isString(JsonNode n) {
    return n != null && n.isTextual();
  }

  private static boolean isInt(JsonNode n) {
    return n != null && (n.isInt() || (n.isIntegralNumber() && n.canConvertToInt()));
  }
}
