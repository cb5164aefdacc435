package dev.deletionpipeline.reconciler;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.security.UnsafeSettingException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * reconciler started as in production (no local profile) with its shipped application.yml refuses the published
 * dev secret and missing token settings before it touches the database or Kafka (none is running here). With the local
 * profile it starts: every other integration test does.
 */
class ProductionStartTest {

    private static final String NOT_LOCAL = "--spring.profiles.active=production";

    @Test
    void theDevSecretStopsTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ReconcilerApplication.class)
                        .run(
                                NOT_LOCAL,
                                "--deletion.security.hs256-secret=" + TokenClaims.LOCAL_DEV_SECRET,
                                "--deletion.security.issuer=https://login.example",
                                "--deletion.security.audience=deletion-pipeline"))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith(
                        "deletion.security.hs256-secret (JWT_SECRET) is the published development secret");
    }

    @Test
    void noTokenSettingsStopTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ReconcilerApplication.class).run(NOT_LOCAL))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith("No token settings");
    }

    @Test
    void peerForwardingWithAShortPeerSecretStopsTheStartWithTheSettingNamed() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ReconcilerApplication.class)
                        .run(
                                "--spring.profiles.active=" + TokenClaims.LOCAL_PROFILE,
                                "--deletion.reconciler.peers.allowed=reconciler-2",
                                "--deletion.reconciler.peers.secret=short",
                                "--spring.kafka.bootstrap-servers=localhost:1",
                                "--deletion.reconciler.sweep.enabled=false"))
                .rootCause()
                .isInstanceOf(UnsafeSettingException.class)
                .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING)
                .startsWith("deletion.reconciler.peers.secret (RECONCILER_PEER_SECRET) must be at least 32 bytes");
    }
}
