package ai.aleff.e2e.widget;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.e2e.SharedPlatform;
import ai.aleff.testkit.OpenAiEmulator;

/**
 * The chat widget in a real headless Chromium ({@link WidgetBrowser}): a page on another loopback origin embeds it
 * with one script tag and chats with the platform, whose model is emulated. Screenshots go to
 * {@code e2e/target/widget-*.png}. Faults on the way are {@link WidgetReconnectBrowserIT}'s, the browser's language
 * {@link WidgetLocaleBrowserIT}'s.
 */
@ExtendWith(SharedPlatform.class)
class WidgetBrowserIT {

    private static final String XSS_PROBE = "xss-probe";
    private static final String HOSTILE_REPLY = "Look <img src=x onerror=\"window.__xss=1\"> and "
            + "[click me](javascript:window.__xss=2) or **bold** at https://example.com/docs";
    private static final String SHOP_TITLE = "Shop help";
    /** On loopback (nothing serves it: the browser's fetch of the image fails at once, the element is what counts). */
    private static final String AVATAR = "https://127.0.0.1:9/avatar.png";

    private static LocalPlatform platform;
    private static String ingress;
    private static WidgetBrowser browser;
    private static ShopSite site;
    private static ShopSite otherSite;

    @BeforeAll
    static void start() {
        browser = WidgetBrowser.start("en-US");
        platform = SharedPlatform.platform();
        ingress = platform.serviceUrl(PlatformService.CHANNEL_INGRESS);
        site = ShopSite.start();
        otherSite = ShopSite.start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[]{browser, site, otherSite}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // the others still close
                }
            }
        }
    }

    @Test
    void aVisitorChatsSeesHistoryAfterReloadAndHostileRepliesStayInertText() throws IOException {
        // Given a tenant whose widget only the test site's origin may use, and a model that answers the probe with
        // HTML and a javascript: link
        WidgetTenant tenant = WidgetTenant.create(platform, site.origin(), List.of(ingress),
                Map.of("title", SHOP_TITLE, "primaryColor", "#0a7d3c", "avatarUrl", AVATAR));
        SharedPlatform.model()
                .server()
                .stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
                        .withRequestBody(containing(XSS_PROBE))
                        .willReturn(aResponse().withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody(OpenAiEmulator.textResponse(HOSTILE_REPLY))));

        // When a visitor opens the page, opens the chat and asks
        browser.open(site.page(tenant.id(), ingress, "en"));
        browser.openChat();
        assertThat(browser.attribute("textarea", "placeholder")).isEqualTo("Type your message");
        // the tenant's title and colour are applied
        await().atMost(WidgetBrowser.PATIENCE)
                .until(() -> SHOP_TITLE.equals(browser.attribute("header h2", "textContent")));
        assertThat(browser.widget().findElement(By.cssSelector("button.launcher")).getCssValue("background-color"))
                .isEqualTo("rgba(10, 125, 60, 1)");
        // and so is the avatar, in the header
        assertThat(browser.attribute("header img.avatar", "src")).isEqualTo(AVATAR);
        browser.send("What is 2*(3+4)?");

        // Then the reply appears, and the typing indicator (a status in the live log) is gone again
        await().atMost(WidgetBrowser.PATIENCE).until(() -> browser.assistantTexts().stream()
                .anyMatch(t -> t.contains(SharedPlatform.FINAL_ANSWER)));
        assertThat(browser.attribute(".log .typing", "role")).isEqualTo("status");
        assertThat(browser.attribute(".log .typing", "textContent")).isEqualTo("The assistant is typing\u2026");
        await().atMost(WidgetBrowser.PATIENCE)
                .until(() -> browser.attribute(".log .typing", "hidden") != null);

        // When the model answers with markup and a javascript: link
        browser.send("Show me " + XSS_PROBE);

        // Then it is shown as text: no image, no script ran, no javascript: link, the https link is a link
        await().atMost(WidgetBrowser.PATIENCE)
                .until(() -> browser.assistantTexts().stream().anyMatch(t -> t.contains("onerror")));
        SearchContext shown = browser.widget();
        assertThat(shown.findElements(By.cssSelector(".log img"))).isEmpty();
        assertThat(browser.script("return window.__xss === undefined")).isEqualTo(true);
        List<String> hrefs = shown.findElements(By.cssSelector(".msg a")).stream()
                .map(a -> a.getAttribute("href"))
                .toList();
        assertThat(hrefs).containsExactly("https://example.com/docs");
        assertThat(browser.assistantTexts()).anyMatch(t -> t.contains("<img src=x onerror=\"window.__xss=1\">")
                && t.contains("[click me](javascript:window.__xss=2)"));
        browser.screenshot("widget-desktop.png");
        browser.windowSize(390, 844);
        browser.screenshot("widget-mobile.png");
        browser.windowSize(1280, 800);

        // When the visitor reloads the page
        browser.reload();

        // Then the history is back, each reply once, and the strings follow setLocale
        await().atMost(WidgetBrowser.PATIENCE)
                .until(() -> browser.assistantTexts().size() == 2 && browser.visitorTexts().size() == 2);
        assertThat(browser.assistantTexts().get(0)).contains(SharedPlatform.FINAL_ANSWER);
        browser.script("AleffChat.setLocale('pt-BR')");
        assertThat(browser.attribute("textarea", "placeholder")).isEqualTo("Digite sua mensagem");
    }

    @Test
    void aPageOnAnOriginTheTenantDidNotAllowGetsNothing() {
        // Given a tenant that allows only the test site
        WidgetTenant tenant = WidgetTenant.create(platform, site.origin(), List.of(ingress));

        // When a page on another origin loads the widget and asks for a session itself
        browser.open(otherSite.page(tenant.id(), ingress, "en"));
        Object answer = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/widget/v1/' + arguments[1] + '/session', {method: 'POST',
                    headers: {'Content-Type': 'application/json'}, body: '{}'})
                  .then(r => done('status ' + r.status), e => done('refused ' + e.name));
                """, ingress, tenant.id());

        // Then the browser hands the page nothing (a 403 without CORS grant), and the widget shows no conversation
        assertThat(answer).isEqualTo("refused TypeError");
        assertThat(browser.widget().findElements(By.cssSelector(".msg"))).isEmpty();
    }
}
