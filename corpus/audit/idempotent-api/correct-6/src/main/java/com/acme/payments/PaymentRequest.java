package com.acme.payments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A validated payment request: the three fields that make up "the payload". Field order, whitespace and
 * unknown extra fields of the JSON body do not take part in it.
 */
record PaymentRequest(long amount, String currency, String reference) {

  static final int MAX_REFERENCE_CHARS = 100;
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Thrown for a body that is not a valid payment request (a 400). */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses and validates a request body. */
  static PaymentRequest parse(byte[] body) throws Invalid {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new Invalid("the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("the body must be a JSON object");
    }

    JsonNode amount = root.get("amount");
    if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
      throw new Invalid("amount must be a whole number of minor units");
    }
    long minorUnits = amount.longValue();
    if (minorUnits <= 0) {
      throw new Invalid("amount must be greater than 0");
    }

    JsonNode currency = root.get("currency");
    if (currency == null || !currency.isTextual() || !CURRENCY.matcher(currency.textValue()).matches()) {
      throw new Invalid("currency must be three upper-case letters");
    }

    JsonNode reference = root.get("reference");
    if (reference == null || !reference.isTextual()) {
      throw new Invalid("reference must be a string");
    }
    String ref = reference.textValue();
    if (ref.isEmpty()) {
      throw new Invalid("reference must not be empty");
    }
    if (ref.codePointCount(0, ref.length()) > MAX_REFERENCE_CHARS) {
      throw new Invalid("reference must be at most " + MAX_REFERENCE_CHARS + " characters");
    }
    if (ref.indexOf('\u0000') >= 0) {
      throw new Invalid("reference must not contain NUL characters");
    }
    return new PaymentRequest(minorUnits, currency.textValue(), ref);
  }

  /** The JSON the provider gets. */
  byte[] providerBody() {
    try {
      return MAPPER.writeValueAsBytes(MAPPER.createObjectNode()
          .put("amount", amount)
          .put("currency", currency)
          .put("reference", reference));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a stored payload is this payload. */
  boolean samePayload(long otherAmount, String otherCurrency, String otherReference) {
    return amount == otherAmount && currency.equals(otherCurrency) && reference.equals(otherReference);
  }
}
