package dev.deletionpipeline.worker.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for {@code google_credentials.refresh_token_encrypted}: {@code version(1) | iv(12) | ciphertext+tag}. The
 * owner id is the additional authenticated data, so a ciphertext copied onto another owner's row does not decrypt.
 */
public final class RefreshTokenCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public RefreshTokenCipher(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("The credentials encryption key must be 16, 24 or 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public static RefreshTokenCipher fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException("deletion.worker.credentials.encryption-key is required for OAuth2 tokens");
        }
        return new RefreshTokenCipher(Base64.getDecoder().decode(base64Key.trim()));
    }

    public byte[] encrypt(UUID ownerId, String refreshToken) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            byte[] sealed = run(Cipher.ENCRYPT_MODE, iv, ownerId, refreshToken.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
                    .put(VERSION)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws GeneralSecurityException when the bytes were not sealed with this key for this owner */
    public String decrypt(UUID ownerId, byte[] stored) throws GeneralSecurityException {
        if (stored == null || stored.length <= 1 + IV_BYTES || stored[0] != VERSION) {
            throw new GeneralSecurityException("not a sealed refresh token of a known version");
        }
        byte[] iv = Arrays.copyOfRange(stored, 1, 1 + IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, 1 + IV_BYTES, stored.length);
        return new String(run(Cipher.DECRYPT_MODE, iv, ownerId, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] iv, UUID ownerId, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(ownerId.toString().getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(input);
    }
}
