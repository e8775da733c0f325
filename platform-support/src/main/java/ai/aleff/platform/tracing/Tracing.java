package ai.aleff.platform.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;

/**
 * The platform's tracer. Plumbing that is not a bean (the {@code ConsumerDispatcher} each consumer builds) or is
 * built by hand in tests finds the application's OpenTelemetry bean here; outside a Quarkus application (unit tests,
 * tools) it falls back to {@link GlobalOpenTelemetry}, a no-op unless a test installed an SDK.
 */
public final class Tracing {

    /** Instrumentation scope of every span the platform makes itself. */
    public static final String SCOPE = "ai.aleff.platform";

    private Tracing() {
    }

    public static Tracer tracer() {
        return openTelemetry().getTracer(SCOPE);
    }

    public static OpenTelemetry openTelemetry() {
        ArcContainer container = Arc.container();
        if (container != null && container.isRunning()) {
            InstanceHandle<OpenTelemetry> bean = container.instance(OpenTelemetry.class);
            if (bean.isAvailable()) {
                return bean.get();
            }
        }
        return GlobalOpenTelemetry.get();
    }
}
