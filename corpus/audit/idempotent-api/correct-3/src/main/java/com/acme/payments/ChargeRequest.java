package com.acme.payments;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** A checked payment request, read token by token with Jackson's streaming parser. */
record ChargeRequest(long amount, String currency, String reference) {

  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static ChargeRequest parse(JsonFactory factory, byte[] body) throws Invalid {
    Long amount = null;
    String currency = null;
    String reference = null;
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new Invalid("the body must be a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "amount" -> {
            if (amount != null) {
              throw new Invalid("amount is given twice");
            }
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              throw new Invalid("amount must be a whole number of minor units");
            }
            amount = p.getLongValue();
          }
          case "currency" -> {
            if (currency != null || v != JsonToken.VALUE_STRING) {
              throw new Invalid("currency must be one string");
            }
            currency = p.getText();
          }
          case "reference" -> {
            if (reference != null || v != JsonToken.VALUE_STRING) {
              throw new Invalid("reference must be one string");
            }
            reference = p.getText();
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new Invalid("the body is not one JSON object");
      }
    } catch (IOException e) {
      throw new Invalid("the body is not valid JSON");
    }
    if (amount == null || amount <= 0) {
      throw new Invalid("amount must be greater than 0");
    }
    if (currency == null || currency.length() != 3 || !currency.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z')) {
      throw new Invalid("currency must be three upper-case letters");
    }
    if (reference == null || reference.isEmpty()) {
      throw new Invalid("reference must be a non-empty string");
    }
    if (reference.codePointCount(0, reference.length()) > 100) {
      throw new Invalid("reference must be at most 100 characters");
    }
    // PostgreSQL TEXT cannot hold U+0000, and a lone surrogate cannot be encoded: refuse both before charging.
    if (reference.codePoints().anyMatch(cp -> cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))) {
      throw new Invalid("reference must be valid text");
    }
    return new ChargeRequest(amount, currency, reference);
  }
}
