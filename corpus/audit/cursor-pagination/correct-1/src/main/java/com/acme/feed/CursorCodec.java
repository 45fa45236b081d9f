package com.acme.feed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Opaque, signed cursors. A cursor is {@code base64url(payload) "." base64url(hmac)}, where the payload is
 * {@code v1|status|epochSecond|nano|id} (status empty when the walk has no filter) and the HMAC-SHA256 covers the
 * encoded payload exactly as sent, so any changed character is refused. The key is made at start-up.
 */
@Component
class CursorCodec {

  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  CursorCodec() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  String encode(String status, Position position) {
    String payload = String.join("|", "v1", status == null ? "" : status,
        Long.toString(position.createdAt().getEpochSecond()), Integer.toString(position.createdAt().getNano()),
        Long.toString(position.id()));
    String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + sign(body);
  }

  /** The position a cursor continues after; 400 unless this service issued it for the same status filter. */
  Position decode(String cursor, String status) {
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
      throw invalid();
    }
    String body = cursor.substring(0, dot);
    String signature = cursor.substring(dot + 1);
    if (!BASE64URL.matcher(body).matches() || !BASE64URL.matcher(signature).matches()) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw invalid();
    }
    String[] fields;
    try {
      fields = new String(DECODER.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (fields.length != 5 || !fields[0].equals("v1")) {
      throw invalid();
    }
    String issuedFor = fields[1].isEmpty() ? null : fields[1];
    if (issuedFor == null ? status != null : !issuedFor.equals(status)) {
      throw new BadRequestException("this cursor belongs to another status filter");
    }
    try {
      Instant createdAt = Instant.ofEpochSecond(Long.parseLong(fields[2]), Integer.parseInt(fields[3]));
      return new Position(createdAt, Long.parseLong(fields[4]));
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private String sign(String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return ENCODER.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static BadRequestException invalid() {
    return new BadRequestException("invalid cursor");
  }
}
