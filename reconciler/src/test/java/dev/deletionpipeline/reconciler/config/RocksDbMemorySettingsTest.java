package dev.deletionpipeline.reconciler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RocksDbMemorySettingsTest {

    @Test
    void memtablesGetTheirShareOfTheTotal() {
        assertThat(RocksDbMemorySettings.defaults().writeBufferBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void rejectsAShareOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(32, 0, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> settings(32, 1, 4));
    }

    @Test
    void rejectsAMemtableLargerThanTheMemtableShare() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(32, 0.5, 17));
    }

    @Test
    void rejectsNoBudget() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(0, 0.5, 4));
    }

    private static RocksDbMemorySettings settings(int totalMb, double share, int maxWriteBufferMb) {
        return new RocksDbMemorySettings(DataSize.ofMegabytes(totalMb), share, DataSize.ofMegabytes(maxWriteBufferMb));
    }
}
