package com.acme.payments;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** A validated {@code POST /payments} body: the payload that identifies a request under its key. */
record PaymentRequest(long amount, String currency, String reference) {

  static final int MAX_REFERENCE_LENGTH = 100;
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Thrown for a body the brief calls invalid: answered 400, nothing charged, nothing stored. */
  static final class InvalidRequest extends Exception {
    InvalidRequest(String message) {
      super(message, null, false, false);
    }
  }

  static PaymentRequest parse(byte[] body) throws InvalidRequest {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("the body is not valid JSON");
    } catch (IOException e) {
      throw new InvalidRequest("the body could not be read");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRequest("the body must be a JSON object");
    }

    JsonNode amountNode = root.get("amount");
    if (amountNode == null || !amountNode.isIntegralNumber()) {
      throw new InvalidRequest("amount must be a whole number of minor units");
    }
    if (!amountNode.canConvertToLong()) {
      throw new InvalidRequest("amount is too large");
    }
    long amount = amountNode.longValue();
    if (amount <= 0) {
      throw new InvalidRequest("amount must be greater than 0");
    }

    JsonNode currencyNode = root.get("currency");
    if (currencyNode == null || !currencyNode.isTextual()
        || !CURRENCY.matcher(currencyNode.textValue()).matches()) {
      throw new InvalidRequest("currency must be three upper-case letters");
    }
    String currency = currencyNode.textValue();

    JsonNode referenceNode = root.get("reference");
    if (referenceNode == null || !referenceNode.isTextual()) {
      throw new InvalidRequest("reference must be a string");
    }
    String reference = referenceNode.textValue();
    if (reference.isEmpty()) {
      throw new InvalidRequest("reference must not be empty");
    }
    if (reference.codePointCount(0, reference.length()) > MAX_REFERENCE_LENGTH) {
      throw new InvalidRequest("reference must be at most " + MAX_REFERENCE_LENGTH + " characters");
    }
    if (reference.indexOf('\u0000') >= 0 || !isWellFormed(reference)) {
      throw new InvalidRequest("reference contains characters that cannot be stored");
    }
    return new PaymentRequest(amount, currency, reference);
  }

  private static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(ch)) {
        return false;
      }
    }
    return true;
  }

  /** The JSON body sent to the provider. */
  byte[] providerBody() {
    return Json.bytes(Json.object()
        .put("amount", amount)
        .put("currency", currency)
        .put("reference", reference));
  }

  /**
   * Identifies the payload whatever the field order and whitespace of the JSON it came in: SHA-256 over an
   * unambiguous encoding of the three fields.
   */
  String fingerprint() {
    byte[] canonical = Json.bytes(List.of(amount, currency, reference));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
