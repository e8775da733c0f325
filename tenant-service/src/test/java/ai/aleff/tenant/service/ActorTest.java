package ai.aleff.tenant.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.aleff.platform.rest.ProblemException;

class ActorTest {

    @Test
    void aPlatformAdministratorMayAdministerAnyTenantAndATenantAdministratorOnlyItsOwn() {
        UUID own = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(Actor.platform("root").mayAdminister(other)).isTrue();
        assertThat(Actor.ofTenant("alice", own).mayAdminister(own)).isTrue();
        assertThat(Actor.ofTenant("alice", own).mayAdminister(other)).isFalse();
        assertThat(Actor.ofTenant("alice", own).platformWide()).isFalse();
    }

    @Test
    void anotherTenantIsSimplyNotFoundForATenantAdministrator() {
        UUID own = UUID.randomUUID();
        Actor alice = Actor.ofTenant("alice", own);

        assertThat(TenantChanges.administrableId(alice, own.toString())).isEqualTo(own);
        assertThatThrownBy(() -> TenantChanges.administrableId(alice, UUID.randomUUID().toString()))
                .isInstanceOf(ProblemException.class).hasMessage("No tenant with this id.");
    }

    @Test
    void anActorNeedsASubject() {
        assertThatThrownBy(() -> Actor.platform(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
