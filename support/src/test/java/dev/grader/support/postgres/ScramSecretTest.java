package dev.grader.support.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ScramSecretTest {

    /** RFC 7677's exchange (section 3): user "user", password "pencil", its salt and nonces. */
    private static final String RFC_SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";

    private static final String RFC_AUTH_MESSAGE = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
            + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
            + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

    @Test
    void theSecretVerifiesRfc7677sExchangeAsTheServerWould() throws Exception {
        String secret = ScramSecret.of("pencil", Base64.getDecoder().decode(RFC_SALT), 4096);
        String[] parts = secret.split("[$:]");
        assertEquals("SCRAM-SHA-256", parts[0]);
        assertEquals("4096", parts[1]);
        assertEquals(RFC_SALT, parts[2]);
        byte[] storedKey = Base64.getDecoder().decode(parts[3]);
        byte[] serverKey = Base64.getDecoder().decode(parts[4]);

        // the server's signature the RFC's client checks
        assertEquals(
                "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
                Base64.getEncoder().encodeToString(hmac(serverKey, RFC_AUTH_MESSAGE)));
        // the RFC client's proof passes the server's check: H(ClientProof XOR ClientSignature) = StoredKey
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] signature = hmac(storedKey, RFC_AUTH_MESSAGE);
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        assertArrayEquals(storedKey, MessageDigest.getInstance("SHA-256").digest(clientKey));
    }

    @Test
    void theGradersSecretsTakeItsIterationCountAndAFreshSaltEachTime() {
        String one = ScramSecret.of("0123456789abcdef", ScramSecret.GRADER_ITERATIONS);
        String two = ScramSecret.of("0123456789abcdef", ScramSecret.GRADER_ITERATIONS);
        assertTrue(one.startsWith("SCRAM-SHA-256$" + ScramSecret.GRADER_ITERATIONS + ":"), one);
        assertNotEquals(one, two, "a fresh salt for every secret");
    }

    @Test
    void refusesWhatItCannotEncodeFaithfully() {
        assertThrows(IllegalArgumentException.class, () -> ScramSecret.of("pässword", 1));
        assertThrows(IllegalArgumentException.class, () -> ScramSecret.of("password", 0));
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }
}
