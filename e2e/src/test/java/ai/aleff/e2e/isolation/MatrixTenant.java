package ai.aleff.e2e.isolation;

import java.util.List;

/**
 * A tenant of the isolation matrix and the data only its own callers may ever see: its name, its assistant's
 * instructions, a message of its conversation and its keys' prefixes all carry a marker no request of any other
 * caller contains, so finding one in a body means the platform leaked it.
 *
 * @param id tenant id
 * @param apiKey an active key
 * @param apiKeyId that key's id
 * @param conversationId a conversation of the tenant with a message in it
 * @param secrets strings of the tenant's data that no other caller may see in a body
 */
record MatrixTenant(String label, String id, String name, String apiKey, String apiKeyId, String conversationId,
        List<String> secrets) {

    @Override
    public String toString() {
        return label;
    }
}
