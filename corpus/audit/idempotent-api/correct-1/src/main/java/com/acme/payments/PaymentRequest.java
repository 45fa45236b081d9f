package com.acme.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A validated {@code POST /payments} body. */
record PaymentRequest(long amount, String currency, String reference) {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  static final int MAX_REFERENCE = 100;

  /** Thrown for a body that is not a valid payment request. */
  static final class InvalidRequest extends Exception {
    InvalidRequest(String message) {
      super(message, null, false, false);
    }
  }

  static PaymentRequest parse(ObjectMapper json, byte[] body) throws InvalidRequest {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (java.io.IOException e) {
      throw new InvalidRequest("the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRequest("the body must be a JSON object");
    }
    JsonNode amount = root.get("amount");
    if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
      throw new InvalidRequest("amount must be a whole number of minor units");
    }
    if (amount.longValue() <= 0) {
      throw new InvalidRequest("amount must be greater than 0");
    }
    JsonNode currency = root.get("currency");
    if (currency == null || !currency.isTextual() || !CURRENCY.matcher(currency.textValue()).matches()) {
      throw new InvalidRequest("currency must be three upper-case letters");
    }
    JsonNode reference = root.get("reference");
    if (reference == null || !reference.isTextual() || reference.textValue().isEmpty()) {
      throw new InvalidRequest("reference must be a non-empty string");
    }
    String ref = reference.textValue();
    if (ref.codePointCount(0, ref.length()) > MAX_REFERENCE) {
      throw new InvalidRequest("reference must be at most " + MAX_REFERENCE + " characters");
    }
    return new PaymentRequest(amount.longValue(), currency.textValue(), ref);
  }

  /** The body sent to the provider. */
  ObjectNode toJson(ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("amount", amount);
    node.put("currency", currency);
    node.put("reference", reference);
    return node;
  }

  /** A digest of what makes two requests "the same payload": independent of field order and whitespace. */
  String fingerprint(ObjectMapper json) {
    try {
      byte[] canonical = json.writeValueAsBytes(new Object[] {amount, currency, reference});
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
