package com.acme.feed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Opaque cursors: the position of the last order of a page and the status filter it was issued for, signed with a key
 * of this process (HMAC-SHA256), so that a cursor cannot be forged or altered, nor used with another filter.
 */
@Component
public class Cursors {

  /** Where a page ends: the last order's time and id. */
  public record Position(Instant createdAt, long id) {}

  private static final int MAC_BYTES = 16;

  private final byte[] key = new byte[32];

  public Cursors() {
    new SecureRandom().nextBytes(key);
  }

  /** The cursor that continues after {@code position} under {@code status} (null: no filter). */
  public String encode(String status, Position position) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, position.createdAt());
    byte[] payload = (filter(status) + "|" + micros + "|" + position.id()).getBytes(StandardCharsets.UTF_8);
    byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac(payload), 0, token, payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /** The position {@code cursor} stands for, or null when it is not a cursor issued for {@code status}. */
  public Position decode(String cursor, String status) {
    byte[] token;
    try {
      token = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (token.length <= MAC_BYTES) {
      return null;
    }
    byte[] payload = Arrays.copyOf(token, token.length - MAC_BYTES);
    byte[] mac = Arrays.copyOfRange(token, token.length - MAC_BYTES, token.length);
    if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(payload), MAC_BYTES))) {
      return null;
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
    if (parts.length != 3 || !parts[0].equals(filter(status))) {
      return null;
    }
    try {
      Instant createdAt = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
      return new Position(createdAt, Long.parseLong(parts[2]));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String filter(String status) {
    return status == null ? "*" : status;
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hmac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
