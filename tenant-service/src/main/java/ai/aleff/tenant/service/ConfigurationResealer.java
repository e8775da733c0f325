package ai.aleff.tenant.service;

import java.util.ArrayList;
import java.util.List;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.contracts.events.AssistantConfiguration.Transcription;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;

/**
 * One stored assistant configuration with every key that is not current (sealed with a retired platform key, or in
 * the legacy tenant-only binding) sealed again at the same place with the active key. A key that cannot be read is
 * kept as it is and reported; its plain text never leaves the cipher.
 */
final class ConfigurationResealer {

    /** A key that could not be re-encrypted: where it is and why (the cipher's message names a key id at most). */
    record Failure(String tenantId, long assistantVersion, String entry, String reason) {
    }

    /** The configuration after the pass, and what happened to each of its keys. */
    record Result(AssistantConfiguration configuration, int reEncrypted, int current, List<Failure> failures) {

        boolean changed() {
            return reEncrypted > 0;
        }
    }

    private final SecretCipher cipher;

    ConfigurationResealer(SecretCipher cipher) {
        this.cipher = cipher;
    }

    Result reseal(String tenantId, AssistantConfiguration configuration) {
        Tally tally = new Tally(configuration.version());
        List<ModelChoice> models = chain(tenantId, null, configuration.models(), tally);
        List<Subagent> subagents = new ArrayList<>();
        for (Subagent s : configuration.subagents()) {
            subagents.add(new Subagent(s.name(), s.description(), s.instructions(),
                    chain(tenantId, s.name(), s.models(), tally), s.tools()));
        }
        AssistantConfiguration next = new AssistantConfiguration(configuration.version(),
                configuration.instructions(), models, configuration.tools(), subagents, configuration.skills(),
                configuration.maxToolIterations(), configuration.historyTokenBudget(),
                transcription(tenantId, configuration.transcription(), tally));
        return new Result(tally.reEncrypted == 0 ? configuration : next, tally.reEncrypted, tally.current,
                List.copyOf(tally.failures));
    }

    private List<ModelChoice> chain(String tenantId, String subagent, List<ModelChoice> models, Tally tally) {
        List<ModelChoice> out = new ArrayList<>();
        for (ModelChoice m : models) {
            if (m.apiKey() == null || cipher.isCurrent(m.apiKey())) {
                tally.current += m.apiKey() == null ? 0 : 1;
                out.add(m);
                continue;
            }
            SecretPlace place = AssistantAssembler.place(tenantId, subagent, m);
            try {
                out.add(new ModelChoice(m.provider(), m.model(), m.baseUrl(), cipher.reseal(place, place, m.apiKey())));
                tally.reEncrypted++;
            } catch (RuntimeException e) {
                tally.failures.add(new Failure(tenantId, tally.version, place.entry(), e.getMessage()));
                out.add(m);
            }
        }
        return out;
    }

    private Transcription transcription(String tenantId, Transcription t, Tally tally) {
        if (t == null || t.apiKey() == null || cipher.isCurrent(t.apiKey())) {
            tally.current += t == null || t.apiKey() == null ? 0 : 1;
            return t;
        }
        SecretPlace place = SecretPlace.transcription(tenantId, t.model(), t.baseUrl());
        try {
            Transcription next = new Transcription(t.baseUrl(), t.model(), cipher.reseal(place, place, t.apiKey()));
            tally.reEncrypted++;
            return next;
        } catch (RuntimeException e) {
            tally.failures.add(new Failure(tenantId, tally.version, place.entry(), e.getMessage()));
            return t;
        }
    }

    private static final class Tally {
        private final long version;
        private int reEncrypted;
        private int current;
        private final List<Failure> failures = new ArrayList<>();

        Tally(long version) {
            this.version = version;
        }
    }
}
