package ai.aleff.agent.model;

import java.util.List;

/**
 * Models tried in order for one call: the first that answers wins.
 *
 * @param links at least one
 */
public record ModelChain(List<ChainLink> links) {

    public ModelChain {
        if (links.isEmpty()) {
            throw new IllegalArgumentException("A model chain needs at least one model");
        }
        links = List.copyOf(links);
    }

    /** The first model's name: what replies report when no model answered. */
    public String primaryModel() {
        return links.getFirst().endpoint().model();
    }
}
