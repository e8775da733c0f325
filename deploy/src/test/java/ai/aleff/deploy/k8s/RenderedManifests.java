package ai.aleff.deploy.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * The documents of one rendered overlay, each read into its typed model (fabric8's for Kubernetes kinds, Strimzi's
 * for its CRDs); kinds without a model here (CloudNativePG, Keycloak, KEDA) stay generic. An unknown field in a typed
 * kind fails the read, so a misspelt key is caught rather than ignored.
 */
final class RenderedManifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<?>> TYPED = Map.of("Deployment", Deployment.class, "Service",
            Service.class, "ConfigMap", ConfigMap.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "Kafka",
            Kafka.class, "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class, "KafkaUser",
            KafkaUser.class);

    private final List<JsonNode> trees;
    private final List<Object> models;

    private RenderedManifests(List<JsonNode> trees, List<Object> models) {
        this.trees = trees;
        this.models = models;
    }

    static RenderedManifests parse(String yaml) {
        List<JsonNode> trees = new ArrayList<>();
        List<Object> models = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isEmpty()) {
                    continue;
                }
                trees.add(doc);
                Class<?> type = TYPED.getOrDefault(doc.path("kind").asText(), GenericKubernetesResource.class);
                models.add(YAML.treeToValue(doc, type));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Rendered manifests do not read into their models: " + e.getMessage(), e);
        }
        return new RenderedManifests(trees, models);
    }

    <T> List<T> all(Class<T> type) {
        return models.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    /** Every document as a plain tree, for checks across kinds (Secret references). */
    List<JsonNode> trees() {
        return trees;
    }
}
