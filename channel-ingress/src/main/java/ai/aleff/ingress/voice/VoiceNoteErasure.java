package ai.aleff.ingress.voice;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.tenancy.TenantEraser;

/** A deleted tenant's recorded voice notes are erased with it. */
@ApplicationScoped
public class VoiceNoteErasure implements TenantEraser {

    private final VoiceNotes notes;

    public VoiceNoteErasure(VoiceNotes notes) {
        this.notes = notes;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return notes.deleteTenant(tenantId);
    }
}
