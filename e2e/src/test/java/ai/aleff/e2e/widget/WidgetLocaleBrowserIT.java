package ai.aleff.e2e.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.e2e.SharedPlatform;

/**
 * The widget's own strings follow the browser's language when neither the page ({@code data-locale}) nor the tenant
 * names one: widget.js reads {@code navigator.language}, Portuguese for any {@code pt*}, English otherwise. Each case
 * starts Chromium with {@code --lang} and the {@code intl.accept_languages} preference, as a visitor's browser set
 * to that language is. A tenant that sets a language in its widget settings gets that one whatever the browser's.
 */
@ExtendWith(SharedPlatform.class)
class WidgetLocaleBrowserIT {

    private static LocalPlatform platform;
    private static ShopSite shop;
    private static WidgetTenant tenant;

    @BeforeAll
    static void start() {
        platform = SharedPlatform.platform();
        shop = ShopSite.start();
        tenant = WidgetTenant.create(platform, shop.origin(),
                List.of(platform.serviceUrl(PlatformService.CHANNEL_INGRESS)));
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @ParameterizedTest(name = "browser language {0}")
    @CsvSource(delimiter = '|', textBlock = """
            pt-BR | Fale conosco | Digite sua mensagem | Enviar | Abrir chat | Olá! Como podemos ajudar?
            en-US | Chat with us | Type your message   | Send   | Open chat  | Hi! How can we help?
            """)
    void theWidgetsStringsFollowTheBrowsersLanguage(String language, String title, String placeholder, String send,
            String launcher, String welcome) {
        // Given a visitor whose browser is set to the language, on a page that names no locale
        try (WidgetBrowser browser = WidgetBrowser.start(language)) {
            // When the page loads and the visitor opens the chat
            browser.open(shop.page(tenant.id(), platform.serviceUrl(PlatformService.CHANNEL_INGRESS)));
            assertThat(browser.script("return navigator.language")).isEqualTo(language);
            browser.openChat();

            // Then the widget speaks that language: title, input, send button, launcher label, welcome
            await().atMost(WidgetBrowser.PATIENCE).ignoreExceptions()
                    .until(() -> browser.attribute(".notice", "textContent"),
                            welcome::equals);
            assertThat(browser.attribute("header h2", "textContent")).isEqualTo(title);
            assertThat(browser.attribute("textarea", "placeholder")).isEqualTo(placeholder);
            assertThat(browser.attribute("form button", "textContent")).isEqualTo(send);
            browser.openChat(); // closes it again: the launcher's label is "open" only while closed
            assertThat(browser.attribute("button.launcher", "aria-label")).isEqualTo(launcher);
        }
    }

    @Test
    void theTenantsLanguageWinsOverTheBrowsers() {
        // Given a tenant whose widget speaks Portuguese (Brazil), and a visitor whose browser is set to English
        WidgetTenant portuguese = WidgetTenant.create(platform, shop.origin(),
                List.of(platform.serviceUrl(PlatformService.CHANNEL_INGRESS)), Map.of("locale", "pt-BR"));
        try (WidgetBrowser browser = WidgetBrowser.start("en-US")) {
            // When the page (no data-locale) loads and the visitor opens the chat
            browser.open(shop.page(portuguese.id(), platform.serviceUrl(PlatformService.CHANNEL_INGRESS)));
            browser.openChat();

            // Then the widget's strings are Portuguese once the session answer is in
            await().atMost(WidgetBrowser.PATIENCE).ignoreExceptions()
                    .until(() -> browser.attribute(".notice", "textContent"), "Olá! Como podemos ajudar?"::equals);
            assertThat(browser.attribute("textarea", "placeholder")).isEqualTo("Digite sua mensagem");
            assertThat(browser.attribute("form button", "textContent")).isEqualTo("Enviar");
        }
    }
}
