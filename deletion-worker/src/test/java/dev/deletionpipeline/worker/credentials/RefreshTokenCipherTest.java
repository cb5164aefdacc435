package dev.deletionpipeline.worker.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefreshTokenCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final RefreshTokenCipher cipher = RefreshTokenCipher.fromBase64(KEY);

    @Test
    void aSealedRefreshTokenOpensForItsOwner() throws GeneralSecurityException {
        UUID owner = UUID.randomUUID();

        byte[] sealed = cipher.encrypt(owner, "1//refresh-token");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("refresh-token");
        assertThat(cipher.decrypt(owner, sealed)).isEqualTo("1//refresh-token");
    }

    @Test
    void aSealedRefreshTokenDoesNotOpenForAnotherOwner() {
        byte[] sealed = cipher.encrypt(UUID.randomUUID(), "1//refresh-token");

        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), sealed))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aSealedRefreshTokenDoesNotOpenWithAnotherKey() {
        UUID owner = UUID.randomUUID();
        byte[] sealed = cipher.encrypt(owner, "1//refresh-token");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertThatThrownBy(() -> new RefreshTokenCipher(otherKey).decrypt(owner, sealed))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void theSameTokenSealsDifferentlyEachTime() {
        UUID owner = UUID.randomUUID();

        assertThat(cipher.encrypt(owner, "t")).isNotEqualTo(cipher.encrypt(owner, "t"));
    }
}
