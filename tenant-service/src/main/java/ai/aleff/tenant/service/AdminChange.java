package ai.aleff.tenant.service;

import java.util.List;

import ai.aleff.tenant.repository.ApiKeyEntity;

/**
 * What one administrative change did: its result for the caller, the keys it added, and what the audit records.
 * {@code before} and {@code after} are snapshots whose types have no field for a key, a key hash or a provider key,
 * so a secret cannot reach the audit by mistake.
 *
 * @param changed false when the request asked for the state the tenant already had: nothing is written
 */
record AdminChange<T>(T result, boolean changed, List<ApiKeyEntity> added, String action, String subjectId,
        Object before, Object after, String detail) {

    static <T> AdminChange<T> of(T result, String action, String subjectId, Object before, Object after,
            String detail) {
        return new AdminChange<>(result, true, List.of(), action, subjectId, before, after, detail);
    }

    static <T> AdminChange<T> unchanged(T result) {
        return new AdminChange<>(result, false, List.of(), null, null, null, null, null);
    }

    AdminChange<T> adding(ApiKeyEntity key) {
        return new AdminChange<>(result, changed, List.of(key), action, subjectId, before, after, detail);
    }
}
