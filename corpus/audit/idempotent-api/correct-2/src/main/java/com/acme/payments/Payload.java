package com.acme.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The payment a client asks for, checked against the brief's rules. */
final class Payload {

  final long amount;
  final String currency;
  final String reference;

  private Payload(long amount, String currency, String reference) {
    this.amount = amount;
    this.currency = currency;
    this.reference = reference;
  }

  /** Why a body was refused. */
  static final class Rejected extends Exception {
    Rejected(String why) {
      super(why, null, false, false);
    }
  }

  static Payload read(ObjectMapper mapper, byte[] bytes) throws Rejected {
    Object parsed;
    try {
      parsed = mapper.readValue(bytes, Object.class);
    } catch (Exception e) {
      throw new Rejected("body is not JSON");
    }
    if (!(parsed instanceof Map<?, ?> fields)) {
      throw new Rejected("body must be a JSON object");
    }
    Object amount = fields.get("amount");
    long minorUnits;
    if (amount instanceof Integer || amount instanceof Long) {
      minorUnits = ((Number) amount).longValue();
    } else if (amount instanceof BigInteger) {
      throw new Rejected("amount is too large");
    } else {
      throw new Rejected("amount must be an integer number of minor units");
    }
    if (minorUnits < 1) {
      throw new Rejected("amount must be positive");
    }
    if (!(fields.get("currency") instanceof String currency) || !isIsoLike(currency)) {
      throw new Rejected("currency must be 3 upper-case letters");
    }
    if (!(fields.get("reference") instanceof String reference) || reference.isEmpty()
        || reference.codePoints().count() > 100) {
      throw new Rejected("reference must be a string of 1 to 100 characters");
    }
    return new Payload(minorUnits, currency, reference);
  }

  private static boolean isIsoLike(String s) {
    if (s.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char ch = s.charAt(i);
      if (ch < 'A' || ch > 'Z') {
        return false;
      }
    }
    return true;
  }

  /** The provider's request body. */
  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("amount", amount);
    m.put("currency", currency);
    m.put("reference", reference);
    return m;
  }

  /** Equal for equal (amount, currency, reference), whatever the JSON looked like. */
  String digest() {
    String canonical = amount + ":" + currency + ":" + reference;
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
