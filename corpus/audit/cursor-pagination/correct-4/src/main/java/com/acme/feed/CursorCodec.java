package com.acme.feed;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Opaque, signed cursors: base64url (no padding) of a small binary payload followed by its HMAC-SHA256.
 *
 * <p>Payload: a version byte, the status filter (0 for none, else ordinal + 1), created_at in epoch microseconds and
 * the order id. The key is drawn at start-up, so cursors do not survive a restart (the brief allows that).
 */
@Component
class CursorCodec {

  private static final String HMAC = "HmacSHA256";
  private static final byte VERSION = 1;
  private static final int PAYLOAD_BYTES = 1 + 1 + Long.BYTES + Long.BYTES;
  private static final int MAC_BYTES = 32;

  private final SecretKeySpec key;

  CursorCodec() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, HMAC);
  }

  String encode(Cursor cursor) {
    ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
    payload.put(VERSION);
    payload.put(statusCode(cursor.status()));
    payload.putLong(toEpochMicros(cursor.createdAt()));
    payload.putLong(cursor.id());
    byte[] body = payload.array();
    byte[] mac = mac(body);
    byte[] token = new byte[PAYLOAD_BYTES + MAC_BYTES];
    System.arraycopy(body, 0, token, 0, PAYLOAD_BYTES);
    System.arraycopy(mac, 0, token, PAYLOAD_BYTES, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /** The cursor a token stands for; BadRequestException when the service did not issue it or it was altered. */
  Cursor decode(String token) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException notBase64) {
      throw new BadRequestException("cursor: not a cursor of this service");
    }
    if (bytes.length != PAYLOAD_BYTES + MAC_BYTES) {
      throw new BadRequestException("cursor: not a cursor of this service");
    }
    byte[] body = new byte[PAYLOAD_BYTES];
    byte[] given = new byte[MAC_BYTES];
    System.arraycopy(bytes, 0, body, 0, PAYLOAD_BYTES);
    System.arraycopy(bytes, PAYLOAD_BYTES, given, 0, MAC_BYTES);
    if (!MessageDigest.isEqual(mac(body), given)) {
      throw new BadRequestException("cursor: altered or not issued by this service");
    }
    ByteBuffer payload = ByteBuffer.wrap(body);
    byte version = payload.get();
    byte statusCode = payload.get();
    long micros = payload.getLong();
    long id = payload.getLong();
    if (version != VERSION || statusCode < 0 || statusCode > OrderStatus.values().length) {
      throw new BadRequestException("cursor: not a cursor of this service");
    }
    OrderStatus status = statusCode == 0 ? null : OrderStatus.values()[statusCode - 1];
    return new Cursor(fromEpochMicros(micros), id, status);
  }

  private static byte statusCode(OrderStatus status) {
    return (byte) (status == null ? 0 : status.ordinal() + 1);
  }

  static long toEpochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  static Instant fromEpochMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
