package com.acme.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/** A validated {@code POST /payments} body: amount, currency and reference. */
final class PaymentRequest {

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final int MAX_REFERENCE = 100;

  final long amount;
  final String currency;
  final String reference;

  private PaymentRequest(long amount, String currency, String reference) {
    this.amount = amount;
    this.currency = currency;
    this.reference = reference;
  }

  /** Thrown for a body that is not a valid payment request; the message goes to the client. */
  static final class InvalidRequest extends Exception {
    InvalidRequest(String message) {
      super(message);
    }
  }

  static PaymentRequest parse(byte[] body) throws InvalidRequest {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("the body is not valid JSON");
    } catch (java.io.IOException e) {
      throw new InvalidRequest("the body could not be read");
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
    if (reference == null || !reference.isTextual()) {
      throw new InvalidRequest("reference must be a string");
    }
    String ref = reference.textValue();
    if (ref.isEmpty()) {
      throw new InvalidRequest("reference must not be empty");
    }
    if (ref.codePointCount(0, ref.length()) > MAX_REFERENCE) {
      throw new InvalidRequest("reference must be at most " + MAX_REFERENCE + " characters");
    }
    if (ref.indexOf('\u0000') >= 0) {
      throw new InvalidRequest("reference must not contain NUL characters");
    }
    return new PaymentRequest(amount.longValue(), currency.textValue(), ref);
  }

  /** The payload as the provider receives it; also the canonical form that decides "same payload". */
  String canonicalJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("amount", amount);
    node.put("currency", currency);
    node.put("reference", reference);
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
