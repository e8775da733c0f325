package ai.aleff.ingress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of channel-ingress. */
@ConfigMapping(prefix = "aleff.ingress")
public interface IngressSettings {

    /** Most messages the conversation view returns: the latest ones, oldest first. */
    @WithDefault("500")
    int historyLimit();

    /** Replies buffered for one slow SSE client before its stream is ended (it reconnects and catches up via GET). */
    @WithDefault("256")
    int sseBufferSize();
}
