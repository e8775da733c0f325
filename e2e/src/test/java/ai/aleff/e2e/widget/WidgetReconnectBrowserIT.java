package ai.aleff.e2e.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.ServiceReplica;
import ai.aleff.e2e.SharedPlatform;
import ai.aleff.testkit.net.LoopbackProxy;
import ai.aleff.testkit.net.LoopbackProxy.Routing;

/**
 * The widget's promise under network faults, in a real browser: whatever happens to the connection, every reply
 * appears exactly once and in order. The shop page reaches channel-ingress only through a {@link LoopbackProxy} (as
 * through a load balancer), which cuts every connection at once, or sends the reconnect to another instance after the
 * one serving the stream was killed with SIGKILL. Replies are held at the emulated model and released while the
 * browser is cut off, so they are produced while nobody listens and must come from the durable reply log on resume
 * ({@code Last-Event-ID}). The killed instance is a {@link ServiceReplica} of this class's own, never the shared
 * platform's channel-ingress, which the other end-to-end classes go on using; after the class it waits until
 * channel-ingress's consumer groups are back to their members before the replica (a killed member holds its
 * partitions until its 10 s session timeout).
 */
@ExtendWith(SharedPlatform.class)
class WidgetReconnectBrowserIT {

    private static LocalPlatform platform;
    private static ShopSite shop;
    private static HeldReplies replies;
    private static CompletableFuture<ServiceReplica> replica;
    private static Map<String, Integer> membersBefore;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private WidgetBrowser browser;

    @BeforeAll
    static void start() {
        platform = SharedPlatform.platform();
        membersBefore = ConsumerGroupMembers.of(platform.bootstrapServers(), ConsumerGroupMembers.INGRESS_GROUPS);
        // The second instance takes ~20 s to start: it starts while the connection-cut test runs.
        replica = CompletableFuture.supplyAsync(
                () -> ServiceReplica.start(platform, PlatformService.CHANNEL_INGRESS, "channel-ingress-widget"));
        shop = ShopSite.start();
        replies = HeldReplies.on(SharedPlatform.model());
    }

    @AfterAll
    static void stop() {
        if (replies != null) {
            replies.close();
        }
        if (shop != null) {
            shop.close();
        }
        if (replica != null) {
            replica.thenAccept(ServiceReplica::close).exceptionally(e -> null).join();
            // The shared platform's channel-ingress holds every partition again before the next class runs.
            await().atMost(WidgetBrowser.PATIENCE).until(() -> ConsumerGroupMembers.of(platform.bootstrapServers(),
                    ConsumerGroupMembers.INGRESS_GROUPS), membersBefore::equals);
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = WidgetBrowser.start("en-US");
        opened.add(browser);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void everyReplyAppearsOnceAndInOrderAfterEveryConnectionWasCutWhileTheyWereProduced() {
        // Given a visitor on the shop page, whose widget talks to channel-ingress through a proxy, with one reply
        // shown and three more messages sent whose replies the model holds back
        String ingress = platform.serviceUrl(PlatformService.CHANNEL_INGRESS);
        WidgetTenant tenant = WidgetTenant.create(platform, shop.origin(), List.of(ingress));
        LoopbackProxy proxy = proxy(Routing.FIRST_ALIVE, ingress);
        List<String> messages = messages("cut", 5);
        messages.subList(1, 4).forEach(replies::hold);
        openChatAndAwaitStream(tenant, proxy);
        sendAndAwaitStored(tenant, ingress, messages, 0);
        await().atMost(WidgetBrowser.PATIENCE).until(() -> browser.assistantTexts().size() == 1);
        for (int i = 1; i < 4; i++) {
            sendAndAwaitStored(tenant, ingress, messages, i);
        }
        await().atMost(WidgetBrowser.PATIENCE).until(() -> replies.calls(messages.get(1)) > 0);

        // When every connection is cut and refused while the three replies are produced
        proxy.refuseNew();
        proxy.cutAll();
        replies.releaseAll();
        await().atMost(WidgetBrowser.PATIENCE)
                .until(() -> tenant.history(ingress, token(tenant), "ASSISTANT").size() == 4);
        assertThat(browser.assistantTexts()).hasSize(1);
        int acceptedWhileCut = proxy.accepted();
        proxy.acceptNew();

        // Then, once the widget has reconnected, each reply is shown exactly once and in order, and so is the next
        await().atMost(WidgetBrowser.PATIENCE).until(() -> browser.assistantTexts().size() >= 4);
        assertThat(browser.assistantTexts()).containsExactlyElementsOf(expectedReplies(messages.subList(0, 4)));
        assertThat(proxy.accepted()).isGreaterThan(acceptedWhileCut);
        sendAndAwaitStored(tenant, ingress, messages, 4);
        await().atMost(WidgetBrowser.PATIENCE).until(() -> browser.assistantTexts().size() >= 5);
        assertThat(browser.assistantTexts()).containsExactlyElementsOf(expectedReplies(messages));
    }

    @Test
    void everyReplyAppearsOnceAndInOrderWhenTheInstanceServingTheStreamIsKilledWhileTheyAreProduced() {
        // Given two channel-ingress instances behind the proxy, the widget's stream on the replica (listed first),
        // one reply shown and two more messages sent whose replies the model holds back
        ServiceReplica second = replica.join();
        String ingress = platform.serviceUrl(PlatformService.CHANNEL_INGRESS);
        WidgetTenant tenant = WidgetTenant.create(platform, shop.origin(), List.of(ingress, second.baseUrl()));
        LoopbackProxy proxy = proxy(Routing.FIRST_ALIVE, second.baseUrl(), ingress);
        List<String> messages = messages("kill", 4);
        messages.subList(1, 3).forEach(replies::hold);
        String stream = openChatAndAwaitStream(tenant, proxy);
        sendAndAwaitStored(tenant, ingress, messages, 0);
        await().atMost(WidgetBrowser.PATIENCE).until(() -> browser.assistantTexts().size() == 1);
        assertThat(proxy.backendServing(stream)).contains(LoopbackProxy.backend(second.baseUrl()));
        for (int i = 1; i < 3; i++) {
            sendAndAwaitStored(tenant, ingress, messages, i);
        }
        await().atMost(WidgetBrowser.PATIENCE).until(() -> replies.calls(messages.get(1)) > 0);

        // When the instance serving the stream is killed with SIGKILL while the model works on the next reply, and
        // the replies are then produced
        assertThat(browser.assistantTexts()).hasSize(1);
        second.kill();
        replies.releaseAll();

        // Then the widget's reconnect goes to the other instance, which shows each reply exactly once and in order,
        // and the next one too
        await().atMost(WidgetBrowser.PATIENCE).until(() -> browser.assistantTexts().size() >= 3);
        assertThat(browser.assistantTexts()).containsExactlyElementsOf(expectedReplies(messages.subList(0, 3)));
        assertThat(proxy.backendServing(stream)).contains(LoopbackProxy.backend(ingress));
        sendAndAwaitStored(tenant, ingress, messages, 3);
        await().atMost(WidgetBrowser.PATIENCE).until(() -> browser.assistantTexts().size() >= 4);
        assertThat(browser.assistantTexts()).containsExactlyElementsOf(expectedReplies(messages));
    }

    /**
     * Opens the shop page and the chat, and waits until the widget's stream is open through the proxy (after its
     * session and history); the request line that identifies the stream's connection at the proxy.
     */
    private String openChatAndAwaitStream(WidgetTenant tenant, LoopbackProxy proxy) {
        browser.open(shop.page(tenant.id(), proxy.baseUrl()));
        browser.openChat();
        String stream = "GET /widget/v1/" + tenant.id() + "/stream";
        await().atMost(WidgetBrowser.PATIENCE).until(() -> proxy.backendServing(stream).isPresent());
        return stream;
    }

    private LoopbackProxy proxy(Routing routing, String... backends) {
        List<InetSocketAddress> addresses = java.util.Arrays.stream(backends).map(LoopbackProxy::backend).toList();
        LoopbackProxy proxy = LoopbackProxy.start(routing, addresses);
        opened.add(proxy);
        return proxy;
    }

    private static List<String> messages(String test, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> replies.message(test, n)).toList();
    }

    /** As the widget renders them: the screen-reader prefix, then the text. */
    private static List<String> expectedReplies(List<String> messages) {
        return messages.stream().map(m -> "Assistant: " + HeldReplies.replyTo(m)).toList();
    }

    /**
     * Sends the n-th message and waits until the platform has stored it, so that the messages' order (and therefore
     * their replies': one conversation's turns run strictly in order) is the order of the list.
     */
    private void sendAndAwaitStored(WidgetTenant tenant, String ingress, List<String> messages, int n) {
        browser.send(messages.get(n));
        await().atMost(WidgetBrowser.PATIENCE).until(() -> tenant.history(ingress, token(tenant), "VISITOR"),
                stored -> stored.equals(messages.subList(0, n + 1)));
    }

    private String token(WidgetTenant tenant) {
        return browser.stored(tenant.id(), "token");
    }
}
