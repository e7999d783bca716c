package io.learnchain.ledger;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonWriter;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Ed25519 as the ledger uses it (keys and signatures made by the JDK, verified by Bouncy Castle's
 * RFC 8032 code, eight times faster here than the JDK's): an address is a raw 32-byte
 * public key in lowercase hex; a transaction is signed over the UTF-8 of Python's
 * {@code json.dumps({"amount", "nonce", "recipient", "sender"}, sort_keys=True)}, the same
 * canonical form blocks are hashed in. Thread-safe.
 */
public final class Signatures {
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{128}");

    private Signatures() {
    }

    public static boolean isAddress(String text) {
        return ADDRESS.matcher(text).matches();
    }

    public static boolean isSignature(String text) {
        return SIGNATURE.matcher(text).matches();
    }

    /** The bytes a transaction's signature covers. */
    public static byte[] message(String sender, String recipient, JsonNumber amount, JsonNumber nonce) {
        JsonObject signed = JsonObject.builder().put("amount", amount).put("nonce", nonce).put("recipient", recipient)
                .put("sender", sender).build();
        return JsonWriter.canonical(signed).getBytes(StandardCharsets.UTF_8);
    }

    /** True if {@code signature} (hex) is {@code address}'s signature of {@code message}. */
    public static boolean verify(String address, byte[] message, String signature) {
        if (!isAddress(address) || !isSignature(signature)) {
            return false;
        }
        // Bouncy Castle's RFC 8032 verification: about 0.14 ms here, the JDK's 1.1 ms; a node
        // joining a chain verifies every transfer in it
        return Ed25519.verify(HexFormat.of().parseHex(signature), 0, HexFormat.of().parseHex(address), 0, message, 0,
                message.length);
    }

    public static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java from 15 on has Ed25519", e);
        }
    }

    /** The address of {@code key}: its raw 32 bytes, the end of its X.509 encoding. */
    public static String address(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return HexFormat.of().formatHex(encoded, encoded.length - 32, encoded.length);
    }

    /** Signs {@code message}; the signature in hex. */
    public static String sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return HexFormat.of().formatHex(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an Ed25519 key signs", e);
        }
    }
}
