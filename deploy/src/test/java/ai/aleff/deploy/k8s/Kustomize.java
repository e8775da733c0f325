package ai.aleff.deploy.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization offline with {@code kubectl kustomize} (kustomize 5 is built into kubectl 1.27+). kubectl
 * comes from {@code KUBECTL} or the PATH; Debian's own {@code kubernetes-client} package (1.20, kustomize 2) cannot
 * render components or {@code labels}, so there is no fallback to it: a missing kubectl fails with what to install.
 */
final class Kustomize {

    private Kustomize() {
    }

    static String render(Path kustomization) {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException(
                "kubectl not found: the manifest test renders k8s/ with `kubectl kustomize`. Install kubectl 1.27 or newer "
                        + "(its built-in kustomize 5 is needed; Debian 12's kubernetes-client 1.20 is too old) or set "
                        + "KUBECTL to its path. See docs/operations.md, \"Kubernetes\"."));
        try {
            Path out = Files.createTempFile("aleff-kustomize-", ".yaml");
            Path err = Files.createTempFile("aleff-kustomize-", ".err");
            try {
                Process p = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + kustomization + " took over 60 s");
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rendering " + kustomization, e);
        }
    }

    private static Optional<Path> kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
