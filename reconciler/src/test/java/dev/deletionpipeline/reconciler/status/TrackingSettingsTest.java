package dev.deletionpipeline.reconciler.status;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrackingSettingsTest {

    @Test
    void zeroDeadlineIsRefused() {
        assertThatThrownBy(() -> TrackingSettings.defaults().withDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadline");
    }

    @Test
    void negativeRedrivesAreRefused() {
        assertThatThrownBy(() -> TrackingSettings.defaults().withMaxRedrives(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
