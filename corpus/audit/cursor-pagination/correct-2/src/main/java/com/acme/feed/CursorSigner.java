package com.acme.feed;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;

/**
 * Cursor = base64url(version, status code, created micros, id, HMAC-SHA256 of the 18 bytes before it). Decoding is
 * strict: the text must be the canonical encoding of the bytes it decodes to, so no character can change unnoticed.
 */
@Component
class CursorSigner {

  private static final byte VERSION = 1;
  private static final int BODY = 1 + 1 + 8 + 8;
  private static final int TAG = 32;

  private final SecretKey key;

  CursorSigner() throws GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256");
    generator.init(256, new SecureRandom());
    this.key = generator.generateKey();
  }

  String issue(Keyset keyset) {
    ByteBuffer buf = ByteBuffer.allocate(BODY + TAG);
    buf.put(VERSION).put(keyset.statusCode()).putLong(keyset.createdMicros()).putLong(keyset.id());
    buf.put(tag(Arrays.copyOf(buf.array(), BODY)));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /** The keyset of a cursor this service issued, or IllegalArgumentException. */
  Keyset verify(String cursor) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException("malformed cursor");
    }
    if (raw.length != BODY + TAG
        || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(cursor)) {
      throw new IllegalArgumentException("malformed cursor");
    }
    byte[] body = Arrays.copyOf(raw, BODY);
    if (!MessageDigest.isEqual(tag(body), Arrays.copyOfRange(raw, BODY, BODY + TAG))) {
      throw new IllegalArgumentException("cursor was not issued by this service");
    }
    ByteBuffer buf = ByteBuffer.wrap(body);
    if (buf.get() != VERSION) {
      throw new IllegalArgumentException("unknown cursor version");
    }
    return new Keyset(buf.get(), buf.getLong(), buf.getLong());
  }

  private byte[] tag(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
