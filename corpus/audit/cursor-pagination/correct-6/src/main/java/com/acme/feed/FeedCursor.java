package com.acme.feed;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;

/**
 * Cursors as lower-case hex (no base64, so no unused bits and no alphabet variants: one string per cursor).
 *
 * <pre>
 *   byte 0      the status filter: 0 = none, 1..4 = STATUSES index + 1
 *   bytes 1-8   created_at of the last order listed, epoch microseconds
 *   bytes 9-16  its id
 *   bytes 17-32 the first 16 bytes of HMAC-SHA256(bytes 0-16) under a key made at start-up
 * </pre>
 *
 * 33 bytes, 66 hex digits. A cursor names a position (a time and an id), not a row, so it stays valid when that
 * order is deleted.
 */
@Component
public class FeedCursor {

  static final List<String> STATUSES = List.of("PENDING", "PAID", "SHIPPED", "CANCELLED");

  /** The key of the last order a page listed: the next page continues strictly after it. */
  public record Mark(Instant createdAt, long id) {}

  private static final int BODY = 17;
  private static final int TAG = 16;
  private static final int LENGTH = BODY + TAG;
  private static final HexFormat HEX = HexFormat.of(); // formats lower case

  private final SecretKey key;

  public FeedCursor() throws GeneralSecurityException {
    this.key = KeyGenerator.getInstance("HmacSHA256").generateKey();
  }

  public String issue(String status, Mark mark) {
    ByteBuffer token = ByteBuffer.allocate(LENGTH);
    token.put(filterByte(status));
    token.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, mark.createdAt()));
    token.putLong(mark.id());
    token.put(tag(token.array()));
    return HEX.formatHex(token.array());
  }

  /** The mark {@code cursor} stands for, or null unless this service issued it for {@code status} unchanged. */
  public Mark open(String cursor, String status) {
    if (cursor.length() != 2 * LENGTH || !cursor.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
      return null; // parseHex would also take upper case: refuse it here so that every change of a digit counts
    }
    ByteBuffer token = ByteBuffer.wrap(HEX.parseHex(cursor));
    byte[] tag = new byte[TAG];
    token.get(BODY, tag);
    if (!MessageDigest.isEqual(tag, tag(token.array()))) {
      return null;
    }
    if (token.get(0) != filterByte(status)) {
      return null; // issued for another filter
    }
    long micros = token.getLong(1);
    return new Mark(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), token.getLong(9));
  }

  private static byte filterByte(String status) {
    return (byte) (status == null ? 0 : STATUSES.indexOf(status) + 1);
  }

  /** The MAC of the first BODY bytes of {@code token}, cut to TAG bytes. */
  private byte[] tag(byte[] token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(token, 0, BODY);
      byte[] full = mac.doFinal();
      byte[] cut = new byte[TAG];
      System.arraycopy(full, 0, cut, 0, TAG);
      return cut;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
