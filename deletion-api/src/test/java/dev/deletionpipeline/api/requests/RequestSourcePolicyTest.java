package dev.deletionpipeline.api.requests;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.api.requests.RequestsSettings.SourcePolicy;
import dev.deletionpipeline.common.events.DeletionScope;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestSourcePolicyTest {

    private final RequestSourcePolicy policy = new RequestSourcePolicy(settings(List.of(
            new SourcePolicy("/billing", Set.of(DeletionScope.BLOCK, DeletionScope.CALENDAR)),
            new SourcePolicy("/accounts", Set.of(DeletionScope.OWNER)))));

    @Test
    void aListedSourceMayUseItsScopes() {
        assertThatCode(() -> policy.authorize("/billing", DeletionScope.CALENDAR))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.authorize("/accounts", DeletionScope.OWNER)).doesNotThrowAnyException();
    }

    @Test
    void ownerIsRefusedToASourceThatIsNotGrantedIt() {
        assertThatThrownBy(() -> policy.authorize("/billing", DeletionScope.OWNER))
                .isInstanceOf(UnauthorizedSourceException.class)
                .hasMessage("ce_source '/billing' may not request scope OWNER.");
    }

    @Test
    void anUnknownOrMissingSourceIsRefused() {
        assertThatThrownBy(() -> policy.authorize("/Billing", DeletionScope.BLOCK))
                .isInstanceOf(UnauthorizedSourceException.class)
                .hasMessage("ce_source '/Billing' is not an allowed requesting service.");
        assertThatThrownBy(() -> policy.authorize(null, DeletionScope.BLOCK))
                .isInstanceOf(UnauthorizedSourceException.class)
                .hasMessageContaining("no ce_source");
    }

    @Test
    void withNoSourcesConfiguredEveryCommandIsRefused() {
        RequestSourcePolicy none = new RequestSourcePolicy(settings(List.of()));

        for (DeletionScope scope : DeletionScope.values()) {
            assertThatThrownBy(() -> none.authorize("/billing", scope)).isInstanceOf(UnauthorizedSourceException.class);
        }
    }

    @Test
    void aSourceListedTwiceIsAConfigurationError() {
        assertThatThrownBy(() -> settings(List.of(
                        new SourcePolicy("/billing", Set.of(DeletionScope.BLOCK)),
                        new SourcePolicy("/billing", Set.of(DeletionScope.OWNER)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/billing twice");
    }

    private static RequestsSettings settings(List<SourcePolicy> sources) {
        return new RequestsSettings(true, "group", Duration.ofSeconds(1), 1, sources);
    }
}
