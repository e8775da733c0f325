package ai.aleff.agent.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.platform.consumer.ConsumerDispatcher;
import ai.aleff.platform.consumer.DispatchLimits;
import ai.aleff.platform.consumer.RetryPolicy;
import ai.aleff.platform.consumer.ServiceStopping;

/**
 * The worker's one dispatcher for inbound messages and tool results: both run in their conversation's lane, so a
 * tool result is applied after the conversation's earlier records. A failing step is retried in its lane (steps are
 * idempotent: the turn's status and iteration guard them) before the record is dead-lettered.
 */
@ApplicationScoped
public class IntakeDispatcher {

    static final RetryPolicy STEP_RETRIES = RetryPolicy.of(3, Duration.ofMillis(200), Duration.ofSeconds(2));

    @Produces
    @Singleton
    ConsumerDispatcher intake(AgentSettings settings, ServiceStopping stopping,
            @ConfigProperty(name = "mp.messaging.incoming.conversation-inbound.group.id") String group) {
        return new ConsumerDispatcher(group, new DispatchLimits(settings.maxRunningMessages(),
                settings.minTenantShare(), settings.maxInFlightMessages()), STEP_RETRIES, stopping);
    }
}
