package com.acme.feed;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Opaque, tamper-proof cursors. A cursor is base64url (no padding) of 33 bytes:
 *
 * <pre>
 *   [0]      status filter tag the cursor was issued for
 *   [1..8]   created_at of the last order listed, microseconds since the epoch
 *   [9..16]  id of the last order listed
 *   [17..32] the first 16 bytes of HMAC-SHA256 over bytes 0..16, with a key made at start-up
 * </pre>
 *
 * 33 bytes is a multiple of 3, so the text is exactly 44 characters with no unused bits: every change to any
 * character changes the bytes, and so breaks the MAC.
 */
@Component
final class CursorSigner {

  private static final String ALGORITHM = "HmacSHA256";
  private static final int BODY = 1 + Long.BYTES + Long.BYTES;
  private static final int TAG = 16;
  private static final int TOTAL = BODY + TAG;

  private final SecretKeySpec key;

  CursorSigner() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  String seal(FeedPosition position, StatusFilter filter) {
    ByteBuffer buf = ByteBuffer.allocate(TOTAL);
    buf.put(filter.tag()).putLong(position.epochMicros()).putLong(position.id());
    buf.put(mac(buf.array()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /** The position a cursor continues after, if this service issued it for this very status filter; else 400. */
  FeedPosition open(String cursor, StatusFilter filter) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException notBase64) {
      throw new BadRequest("cursor is not valid");
    }
    if (raw.length != TOTAL) {
      throw new BadRequest("cursor is not valid");
    }
    byte[] expected = mac(raw);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, BODY, TOTAL))) {
      throw new BadRequest("cursor is not valid");
    }
    ByteBuffer buf = ByteBuffer.wrap(raw);
    if (buf.get() != filter.tag()) {
      throw new BadRequest("cursor was issued for another status filter");
    }
    return new FeedPosition(buf.getLong(), buf.getLong());
  }

  private byte[] mac(byte[] bytes) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(bytes, 0, BODY);
      return Arrays.copyOf(mac.doFinal(), TAG);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
