package ai.aleff.platform.tenancy;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.contracts.events.WidgetSettings;

/**
 * What a service knows about a tenant from the configuration topic.
 *
 * @param assistant the tenant's assistant configuration ({@link AssistantConfiguration#platformDefaults()} when the
 *        tenant set nothing); only kept by services with {@code aleff.tenant-directory.keep-assistant=true}
 * @param limits the tenant's overrides of the platform's ingress limits (see {@code LimitDefaults#effective})
 * @param endUsers how the tenant's end users are verified (its encrypted identity secret) and what unverified ones
 *        may do
 * @param transcription the tenant's speech-to-text model, null when voice notes are not enabled; kept by every
 *        service (a URL, a name and one encrypted key) because channel-ingress needs it and keeps no assistant
 * @param widget the tenant's web chat widget settings (allowed origins, anonymous visitors)
 */
public record TenantView(String tenantId, String name, boolean active, long version,
        AssistantConfiguration assistant, TenantLimits limits, EndUserIdentity endUsers,
        AssistantConfiguration.Transcription transcription, WidgetSettings widget) {

    /**
     * The assistant configuration. Services that only authenticate do not keep it (it can hold up to 512 KiB and
     * encrypted keys they have no use for): asking for it there is a programming error, not a missing value.
     */
    @Override
    public AssistantConfiguration assistant() {
        if (assistant == null) {
            throw new IllegalStateException(
                    "This service does not keep assistant configurations (aleff.tenant-directory.keep-assistant)");
        }
        return assistant;
    }

    static TenantView of(TenantConfigurationChanged config, boolean keepAssistant) {
        AssistantConfiguration assistant = config.assistant() == null
                ? AssistantConfiguration.platformDefaults()
                : config.assistant();
        return new TenantView(config.tenantId(), config.name(),
                config.status() == TenantConfigurationChanged.Status.ACTIVE, config.version(),
                keepAssistant ? assistant : null, config.limits(), config.endUsers(), assistant.transcription(),
                config.widget());
    }
}
