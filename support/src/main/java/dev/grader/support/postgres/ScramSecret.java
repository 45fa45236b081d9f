package dev.grader.support.postgres;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 secret PostgreSQL stores for a password ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:
 * <ServerKey>}, RFC 5802/7677), computed here so that a role can be given it in {@code CREATE ROLE ... PASSWORD}
 * with an iteration count of the grader's choosing, on any PostgreSQL from 10 on.
 *
 * <p>Every SCRAM login makes the client compute PBKDF2 with the secret's iteration count. With PostgreSQL's default
 * of 4096 that cost a test JVM (C1 only) about 20 ms per connection, and a service that opens a connection per request
 * paid it on every request. The iterations slow down guessing a weak password from a stolen secret; the grader's
 * passwords are 192 random bits ({@link PrivateDatabases#newIdentity}), out of reach of guessing at any
 * iteration count, so its roles get {@link #GRADER_ITERATIONS}.
 */
final class ScramSecret {

    /** The iteration count of the secrets the grader makes for its random passwords. */
    static final int GRADER_ITERATIONS = 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;

    private ScramSecret() {}

    /** The secret of {@code password} (ASCII, which SASLprep leaves as it is) with a random salt. */
    static String of(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return of(password, salt, iterations);
    }

    static String of(String password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(password)) {
            throw new IllegalArgumentException("only ASCII passwords (SASLprep is not applied)");
        }
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256 or HmacSHA256", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }
}
