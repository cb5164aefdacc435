package dev.deletionpipeline.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.api.problems.NotFoundException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final UUID OWNER = UUID.randomUUID();

    @Test
    void anOwnerActsOnlyForThemselves() {
        Caller owner = new Caller(OWNER.toString(), Optional.of(OWNER), false);

        assertThat(owner.mayActFor(OWNER)).isTrue();
        assertThat(owner.mayActFor(UUID.randomUUID())).isFalse();
        assertThat(owner.auditName()).isEqualTo("owner:" + OWNER);
    }

    @Test
    void anAdminActsForAnyoneButHasNoOwnDataToFind() {
        Caller admin = new Caller("ops", Optional.empty(), true);

        assertThat(admin.mayActFor(UUID.randomUUID())).isTrue();
        assertThat(admin.auditName()).isEqualTo("admin:ops");
        assertThatThrownBy(admin::requireOwner).isInstanceOf(NotFoundException.class);
    }
}
