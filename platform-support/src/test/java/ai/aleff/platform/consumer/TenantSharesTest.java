package ai.aleff.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class TenantSharesTest {

    private final TenantShares shares = new TenantShares(4, 1);
    private final List<String> granted = new CopyOnWriteArrayList<>();

    private void acquire(String tenant, String name) {
        shares.acquire(tenant, () -> granted.add(name));
    }

    @Test
    void aLoneTenantMayUseTheWholeCapacity() {
        // When one tenant asks for more permits than the capacity
        for (int i = 0; i < 6; i++) {
            acquire("a", "a" + i);
        }

        // Then it holds all of them and the rest wait
        assertThat(granted).containsExactly("a0", "a1", "a2", "a3");
        assertThat(shares.waiting("a")).isEqualTo(2);
    }

    @Test
    void aFreedPermitGoesToTheTenantBelowItsShareNotToTheBusyOne() {
        // Given tenant a holding the whole capacity with more waiting
        for (int i = 0; i < 10; i++) {
            acquire("a", "a" + i);
        }
        // When tenant b arrives and one of a's permits is freed
        acquire("b", "b0");
        acquire("b", "b1");
        assertThat(granted).doesNotContain("b0");
        shares.release("a");

        // Then b gets it; a, above its new share of 2, gets the next ones only after b has its share
        assertThat(granted).endsWith("b0");
        shares.release("a");
        assertThat(granted).endsWith("b1");
        shares.release("a");
        assertThat(granted).endsWith("a4");
        assertThat(shares.inUse("a")).isEqualTo(2);
        assertThat(shares.inUse("b")).isEqualTo(2);
    }

    @Test
    void sharesGrowAgainWhenATenantLeaves() {
        // Given a and b sharing the capacity two and two, a with work waiting
        for (int i = 0; i < 2; i++) {
            acquire("b", "b" + i);
        }
        for (int i = 0; i < 5; i++) {
            acquire("a", "a" + i);
        }
        assertThat(granted).containsExactly("b0", "b1", "a0", "a1");

        // When b's work ends
        shares.release("b");
        shares.release("b");

        // Then a takes the whole capacity
        assertThat(granted).endsWith("a2", "a3");
        assertThat(shares.inUse("a")).isEqualTo(4);
    }

    @Test
    void aMinimumShareHoldsEvenWithMoreTenantsThanCapacity() {
        // Given a capacity of 4, a minimum share of 2 and four busy tenants
        TenantShares wide = new TenantShares(4, 2);
        wide.acquire("a", () -> granted.add("a0"));
        wide.acquire("a", () -> granted.add("a1"));
        wide.acquire("b", () -> granted.add("b0"));
        wide.acquire("c", () -> granted.add("c0"));
        wide.acquire("c", () -> granted.add("c1"));

        // Then each tenant may hold two, the capacity still bounds the total
        assertThat(granted).containsExactly("a0", "a1", "b0", "c0");
        assertThat(wide.inUse()).isEqualTo(4);
    }
}
