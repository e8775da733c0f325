package ai.aleff.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class DependencyFailuresTest {

    @Test
    void aRefusedConnectionDeepInTheCauseChainIsUnreachable() {
        // Given a failure caused, two levels down, by a refused connection
        Exception failure = new CompletionException(new IllegalStateException("query failed",
                new ConnectException("Connection refused: /127.0.0.1:55432")));

        // Then it is recognised as an unreachable dependency (503), not a bug (500)
        assertThat(DependencyFailures.isUnreachable(failure)).isTrue();
    }

    @Test
    void anOrdinaryBugIsNotUnreachable() {
        assertThat(DependencyFailures.isUnreachable(new IllegalStateException("bug", new NullPointerException())))
                .isFalse();
    }
}
