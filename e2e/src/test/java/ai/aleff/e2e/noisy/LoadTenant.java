package ai.aleff.e2e.noisy;

/**
 * A tenant of the noisy-neighbour test.
 *
 * @param label "A" or "B", in what the test prints
 * @param id tenant id
 * @param apiKey its API key
 */
record LoadTenant(String label, String id, String apiKey) {

    @Override
    public String toString() {
        return label;
    }
}
