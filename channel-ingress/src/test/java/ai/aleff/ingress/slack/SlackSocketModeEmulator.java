package ai.aleff.ingress.slack;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import ai.aleff.testkit.channels.SlackSocketModeServer;
import ai.aleff.testkit.channels.SlackWebApi;

/** Slack's Web API and Socket Mode emulated for the test app; the test reaches them through the statics. */
public class SlackSocketModeEmulator implements QuarkusTestResourceLifecycleManager {

    private static volatile SlackSocketModeServer sockets;
    private static volatile SlackWebApi web;

    static SlackSocketModeServer sockets() {
        return sockets;
    }

    static SlackWebApi web() {
        return web;
    }

    @Override
    public Map<String, String> start() {
        sockets = SlackSocketModeServer.start();
        web = SlackWebApi.withSocketMode(sockets);
        return Map.of("aleff.channels.slack.api-base-url", web.baseUrl());
    }

    @Override
    public void stop() {
        if (web != null) {
            web.close();
        }
        if (sockets != null) {
            sockets.close();
        }
    }
}
