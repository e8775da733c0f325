package ai.aleff.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.database.ServiceDatabase;
import ai.aleff.deploy.RepoLocator;

/**
 * Renders every overlay of {@code k8s/} with kubectl and checks the rules docs/operations.md ("Kubernetes") promises:
 * hardened, probed, bounded containers; a PodDisruptionBudget and a NetworkPolicy per Deployment; a KafkaTopic per
 * contracts topic; ACLs that cover what each service's configuration uses; every Secret documented.
 */
class KubernetesManifestsTest {

    private static final Path REPO = RepoLocator.locate();
    private static final Map<String, RenderedManifests> RENDERED = new ConcurrentHashMap<>();
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|JAAS|API_KEY|_KEYS_).*");

    private static RenderedManifests overlay(String name) {
        return RENDERED.computeIfAbsent(name,
                n -> RenderedManifests.parse(Kustomize.render(REPO.resolve("k8s/overlays").resolve(n))));
    }

    private static List<String> services() {
        return java.util.Arrays.stream(ServiceDatabase.values()).map(ServiceDatabase::service).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void everyServiceHasAHardenedProbedAndBoundedDeployment(String overlay) {
        // Given the rendered overlay
        List<Deployment> deployments = overlay(overlay).all(Deployment.class);

        // Then there is one Deployment per service
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(services());
        for (Deployment d : deployments) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            String name = d.getMetadata().getName();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name + " seccomp")
                    .isEqualTo("RuntimeDefault");
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
            for (Container c : pod.getContainers()) {
                String what = name + "/" + c.getName();
                assertThat(c.getStartupProbe().getHttpGet().getPath()).as(what).isEqualTo("/q/health/started");
                assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(what).isEqualTo("/q/health/ready");
                assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(what).isEqualTo("/q/health/live");
                assertThat(c.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
                assertThat(c.getSecurityContext().getRunAsNonRoot()).as(what).isTrue();
                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(what + " read-only fs").isTrue();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(what + " caps").containsExactly(
                        "ALL");
                assertThat(c.getSecurityContext().getCapabilities().getAdd()).as(what).isNullOrEmpty();
                // The read-only root needs a writable /tmp, and it must be an emptyDir, not the image's.
                String tmpVolume = c.getVolumeMounts().stream().filter(m -> "/tmp".equals(m.getMountPath()))
                        .findFirst().orElseThrow(() -> new AssertionError(what + " has no /tmp mount")).getName();
                assertThat(pod.getVolumes()).anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo(tmpVolume);
                    assertThat(v.getEmptyDir()).isNotNull();
                });
                // One shared environment block, and no secret value written into the manifest.
                assertThat(c.getEnvFrom()).as(what).anySatisfy(
                        e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("aleff-platform"));
                for (EnvVar env : c.getEnv()) {
                    if (SECRET_LIKE.matcher(env.getName()).matches()) {
                        assertThat(env.getValue()).as(what + " " + env.getName() + " inlined").isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef()).as(what + " " + env.getName()).isNotNull();
                    }
                }
            }
        }
        // And no Secret is part of the manifests at all: they are created by the operator or by Strimzi.
        assertThat(overlay(overlay).trees()).noneMatch(t -> "Secret".equals(t.path("kind").asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void everyDeploymentHasItsOwnDisruptionBudgetAndNetworkPolicy(String overlay) {
        RenderedManifests m = overlay(overlay);
        List<PodDisruptionBudget> budgets = m.all(PodDisruptionBudget.class);
        List<NetworkPolicy> policies = m.all(NetworkPolicy.class);
        for (Deployment d : m.all(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            String name = d.getMetadata().getName();
            assertThat(budgets).as("PodDisruptionBudget of " + name).anySatisfy(b -> assertThat(labels)
                    .containsAllEntriesOf(b.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", name));
            assertThat(policies).as("NetworkPolicy of " + name).anySatisfy(p -> {
                assertThat(p.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name",
                        name);
                assertThat(p.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
            });
        }
        // Everything not opened is closed: a default deny for every platform pod, both directions.
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/part-of",
                    "aleff");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getEgress()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        });
        // Only channel-ingress and tenant-service take traffic from outside the namespace but Prometheus' scrape.
        Set<String> open = policies.stream().filter(p -> p.getSpec().getIngress() != null)
                .filter(p -> p.getSpec().getIngress().stream().anyMatch(r -> r.getFrom() != null && r.getFrom()
                        .stream().anyMatch(f -> f.getNamespaceSelector() != null && !"monitoring".equals(f
                                .getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")))))
                .map(p -> p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                .collect(Collectors.toSet());
        assertThat(open).containsExactlyInAnyOrder("channel-ingress", "tenant-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void kafkaTopicsAreExactlyTheContractsTopics(String overlay) {
        List<KafkaTopic> topics = overlay(overlay).all(KafkaTopic.class);

        assertThat(topics).extracting(t -> t.getSpec().getTopicName())
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
        for (KafkaTopic t : topics) {
            String name = t.getSpec().getTopicName();
            Object policy = t.getSpec().getConfig().get("cleanup.policy");
            assertThat(policy).as(name).isEqualTo(Topics.COMPACTED.contains(name) ? "compact" : "delete");
            if (overlay.equals("production")) {
                assertThat(t.getSpec().getReplicas()).as(name).isEqualTo(3);
                assertThat(((Number) t.getSpec().getConfig().get("min.insync.replicas")).intValue()).as(name)
                        .isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void scaledWorkersNeverOutnumberThePartitionsOfWhatTheyRead(String overlay) {
        RenderedManifests m = overlay(overlay);
        Map<String, Integer> partitions = m.all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t.getSpec().getPartitions()));
        Map<String, Integer> maxReplicas = new HashMap<>();
        for (HorizontalPodAutoscaler h : m.all(HorizontalPodAutoscaler.class)) {
            maxReplicas.put(h.getSpec().getScaleTargetRef().getName(), h.getSpec().getMaxReplicas());
        }
        for (GenericKubernetesResource s : m.generic("ScaledObject")) {
            JsonNode spec = new ObjectMapper().valueToTree(s.getAdditionalProperties().get("spec"));
            maxReplicas.put(spec.path("scaleTargetRef").path("name").asText(), spec.path("maxReplicaCount").asInt());
            for (JsonNode trigger : spec.path("triggers")) {
                // KEDA watches exactly the group the service consumes with.
                ServiceKafkaUse use = ServiceKafkaUse.of(REPO, spec.path("scaleTargetRef").path("name").asText());
                assertThat(use.groups()).contains(trigger.path("metadata").path("consumerGroup").asText());
                assertThat(use.readTopics()).contains(trigger.path("metadata").path("topic").asText());
            }
        }
        assertThat(maxReplicas).containsOnlyKeys("agent-worker", "tool-executor");
        maxReplicas.forEach((service, max) -> {
            ServiceKafkaUse use = ServiceKafkaUse.of(REPO, service);
            for (String topic : use.readTopics()) {
                if (!topic.equals(Topics.TENANT_CONFIG)) { // read whole by every instance, not shared in a group
                    assertThat(partitions.get(topic)).as(topic + " partitions for " + max + " " + service)
                            .isGreaterThanOrEqualTo(max);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void eachServiceUserMayUseExactlyWhatItsConfigurationNames(String overlay) {
        Map<String, KafkaUser> users = overlay(overlay).all(KafkaUser.class).stream()
                .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));
        for (String service : services()) {
            // Given what the service's configuration consumes and dead-letters to
            ServiceKafkaUse use = ServiceKafkaUse.of(REPO, service);
            KafkaUser user = users.get("aleff-" + service);
            assertThat(user).as("KafkaUser aleff-" + service).isNotNull();
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls();

            // Then its ACLs allow each of them, on platform topics only, and nothing administrative
            assertThat(topicsAllowed(acls, AclOperation.READ)).as(service + " reads")
                    .containsAll(use.readTopics());
            assertThat(topicsAllowed(acls, AclOperation.WRITE)).as(service + " writes")
                    .containsAll(use.writeTopics());
            assertThat(groupsAllowed(acls)).as(service + " groups").containsExactlyInAnyOrderElementsOf(use.groups());
            assertThat(topicsAllowed(acls, null)).as(service).isSubsetOf(Topics.ALL);
            assertThat(acls).flatExtracting(AclRule::getOperations)
                    .isSubsetOf(AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE);
        }
        // The integrators' user only reads.
        List<AclRule> integrator = ((KafkaUserAuthorizationSimple) users.get("aleff-integrator").getSpec()
                .getAuthorization()).getAcls();
        assertThat(integrator).flatExtracting(AclRule::getOperations).isSubsetOf(AclOperation.READ,
                AclOperation.DESCRIBE);
        assertThat(topicsAllowed(integrator, AclOperation.READ)).isSubsetOf(Topics.ALL)
                .doesNotContain(Topics.TENANT_CONFIG, Topics.CHANNEL_CONNECTIONS, Topics.DEAD_LETTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production"})
    void everyReferencedSecretIsDescribedInTheOperationsGuide(String overlay) throws IOException {
        String guide = Files.readString(REPO.resolve("docs/operations.md"));
        Set<String> referenced = new TreeSet<>();
        overlay(overlay).trees().forEach(t -> collectSecretNames(t, null, referenced));

        assertThat(referenced).as("Secrets referenced").contains("aleff-secrets", "aleff-db-tenant");
        assertThat(referenced).allSatisfy(name -> assertThat(guide).as("docs/operations.md names Secret " + name)
                .contains("`" + name + "`"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production"})
    void theRealmImportIsTheLaunchersRealmWithoutItsDemoUsers(String overlay) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode launcher = json.readTree(REPO.resolve("deploy/src/main/resources/keycloak/aleff-realm.json")
                .toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) launcher).remove("users");
        GenericKubernetesResource realmImport = overlay(overlay).generic("KeycloakRealmImport").getFirst();
        JsonNode realm = json.valueToTree(realmImport.getAdditionalProperties().get("spec")).path("realm");

        assertThat(realm).isEqualTo(launcher);
    }

    private static Set<String> topicsAllowed(List<AclRule> acls, AclOperation op) {
        return acls.stream().filter(a -> a.getResource() instanceof AclRuleTopicResource)
                .filter(a -> op == null || a.getOperations().contains(op))
                .map(a -> ((AclRuleTopicResource) a.getResource()).getName()).collect(Collectors.toSet());
    }

    private static Set<String> groupsAllowed(List<AclRule> acls) {
        return acls.stream().filter(a -> a.getResource() instanceof AclRuleGroupResource)
                .map(a -> ((AclRuleGroupResource) a.getResource()).getName()).collect(Collectors.toSet());
    }

    /**
     * Secret names wherever a kind refers to one: {@code secretKeyRef}/{@code secretRef}/{@code passwordSecret}
     * ({@code name}), volume {@code secretName}, Keycloak's {@code tlsSecret}, KEDA's {@code secretTargetRef},
     * CloudNativePG's {@code s3Credentials}.
     */
    private static void collectSecretNames(JsonNode node, String field, Set<String> names) {
        if (node.isObject()) {
            boolean secretHolder = field != null && (field.toLowerCase().contains("secret")
                    || field.equals("accessKeyId"));
            if (secretHolder && node.has("name") && node.get("name").isTextual()) {
                names.add(node.get("name").asText());
            }
            node.properties().forEach(e -> {
                if ((e.getKey().equals("secretName") || e.getKey().equals("tlsSecret")) && e.getValue().isTextual()) {
                    names.add(e.getValue().asText());
                }
                collectSecretNames(e.getValue(), e.getKey(), names);
            });
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collectSecretNames(item, "secretTargetRef".equals(field) ? "secretTargetRef" : null, names);
            }
        }
    }
}
