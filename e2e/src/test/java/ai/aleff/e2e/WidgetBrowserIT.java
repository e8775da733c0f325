package ai.aleff.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.sun.net.httpserver.HttpServer;

import io.restassured.http.ContentType;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.testkit.OpenAiEmulator;

/**
 * The chat widget in a real headless Chromium (Debian's chromium and chromium-driver, installed by {@code ./aleff test}
 * when missing): a page on another loopback origin embeds it with one script tag and chats with the platform, whose
 * model is emulated. Screenshots go to {@code e2e/target/widget-*.png}.
 */
@ExtendWith(SharedPlatform.class)
class WidgetBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String XSS_PROBE = "xss-probe";
    private static final String HOSTILE_REPLY = "Look <img src=x onerror=\"window.__xss=1\"> and "
            + "[click me](javascript:window.__xss=2) or **bold** at https://example.com/docs";

    private static final String SHOP_TITLE = "Shop help";
    /** On loopback (nothing serves it: the browser's fetch of the image fails at once, the element is what counts). */
    private static final String AVATAR = "https://127.0.0.1:9/avatar.png";
    private static LocalPlatform platform;
    private static ChromeDriver browser;
    private static HttpServer site;
    private static HttpServer otherSite;

    @BeforeAll
    static void start() throws IOException {
        Path driver = Path.of(System.getenv().getOrDefault("ALEFF_CHROMEDRIVER", "/usr/bin/chromedriver"));
        Path chromium = Path.of(System.getenv().getOrDefault("ALEFF_CHROMIUM", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(driver) && Files.isExecutable(chromium),
                "chromium/chromedriver not installed (./aleff test installs Debian's chromium and chromium-driver)");
        platform = SharedPlatform.platform();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--lang=en-US", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        site = page();
        otherSite = page();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (HttpServer server : new HttpServer[]{site, otherSite}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @Test
    void aVisitorChatsSeesHistoryAfterReloadAndHostileRepliesStayInertText() throws IOException {
        // Given a tenant whose widget only the test site's origin may use, and a model that answers the probe with
        // HTML and a javascript: link
        String tenantId = createTenantWithWidget(origin(site));
        SharedPlatform.model()
                .server()
                .stubFor(post(urlPathEqualTo("/v1/chat/completions")).atPriority(1)
                        .withRequestBody(containing(XSS_PROBE))
                        .willReturn(aResponse().withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody(OpenAiEmulator.textResponse(HOSTILE_REPLY))));

        // When a visitor opens the page, opens the chat and asks
        browser.get(url(site, tenantId));
        SearchContext widget = widget();
        widget.findElement(By.cssSelector("button.launcher")).click();
        WebElement input = widget.findElement(By.cssSelector("textarea"));
        assertThat(input.getAttribute("placeholder")).isEqualTo("Type your message");
        // the tenant's title and colour are applied
        await().atMost(PATIENCE).until(() -> SHOP_TITLE.equals(widget().findElement(By.cssSelector("header h2"))
                .getAttribute("textContent")));
        assertThat(widget.findElement(By.cssSelector("button.launcher")).getCssValue("background-color"))
                .isEqualTo("rgba(10, 125, 60, 1)");
        // and so is the avatar, in the header
        assertThat(widget.findElement(By.cssSelector("header img.avatar")).getAttribute("src")).isEqualTo(AVATAR);
        input.sendKeys("What is 2*(3+4)?", Keys.ENTER);

        // Then the reply appears, and the typing indicator (a status in the live log) is gone again
        await().atMost(PATIENCE).until(() -> assistantTexts().stream()
                .anyMatch(t -> t.contains(SharedPlatform.FINAL_ANSWER)));
        WebElement typing = widget().findElement(By.cssSelector(".log .typing"));
        assertThat(typing.getAttribute("role")).isEqualTo("status");
        assertThat(typing.getAttribute("textContent")).isEqualTo("The assistant is typing\u2026");
        await().atMost(PATIENCE).until(() -> widget().findElement(By.cssSelector(".log .typing"))
                .getAttribute("hidden") != null);

        // When the model answers with markup and a javascript: link
        widget().findElement(By.cssSelector("textarea")).sendKeys("Show me " + XSS_PROBE, Keys.ENTER);

        // Then it is shown as text: no image, no script ran, no javascript: link, the https link is a link
        await().atMost(PATIENCE).until(() -> assistantTexts().stream().anyMatch(t -> t.contains("onerror")));
        SearchContext shown = widget();
        assertThat(shown.findElements(By.cssSelector(".log img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
        List<String> hrefs = shown.findElements(By.cssSelector(".msg a")).stream()
                .map(a -> a.getAttribute("href"))
                .toList();
        assertThat(hrefs).containsExactly("https://example.com/docs");
        assertThat(assistantTexts()).anyMatch(t -> t.contains("<img src=x onerror=\"window.__xss=1\">")
                && t.contains("[click me](javascript:window.__xss=2)"));
        screenshot("widget-desktop.png");
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("widget-mobile.png");
        browser.manage().window().setSize(new Dimension(1280, 800));

        // When the visitor reloads the page
        browser.navigate().refresh();

        // Then the history is back, each reply once, and the strings follow setLocale
        await().atMost(PATIENCE).until(() -> assistantTexts().size() == 2 && visitorTexts().size() == 2);
        assertThat(assistantTexts().get(0)).contains(SharedPlatform.FINAL_ANSWER);
        ((JavascriptExecutor) browser).executeScript("AleffChat.setLocale('pt-BR')");
        assertThat(widget().findElement(By.cssSelector("textarea")).getAttribute("placeholder"))
                .isEqualTo("Digite sua mensagem");
    }

    @Test
    void aPageOnAnOriginTheTenantDidNotAllowGetsNothing() {
        // Given a tenant that allows only the test site
        String tenantId = createTenantWithWidget(origin(site));

        // When a page on another origin loads the widget and asks for a session itself
        browser.get(url(otherSite, tenantId));
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/widget/v1/' + arguments[1] + '/session', {method: 'POST',
                    headers: {'Content-Type': 'application/json'}, body: '{}'})
                  .then(r => done('status ' + r.status), e => done('refused ' + e.name));
                """, platform.serviceUrl(PlatformService.CHANNEL_INGRESS), tenantId);

        // Then the browser hands the page nothing (a 403 without CORS grant), and the widget shows no conversation
        assertThat(answer).isEqualTo("refused TypeError");
        assertThat(widget().findElements(By.cssSelector(".msg"))).isEmpty();
    }

    private static String createTenantWithWidget(String origin) {
        String tenants = platform.serviceUrl(PlatformService.TENANT_SERVICE);
        String tenantId = given().baseUri(tenants)
                .auth()
                .oauth2(platform.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "widget-" + UUID.randomUUID()))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().baseUri(tenants)
                .auth()
                .oauth2(platform.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("allowedOrigins", List.of(origin), "anonymousVisitors", true, "appearance",
                        Map.of("title", SHOP_TITLE, "primaryColor", "#0a7d3c", "avatarUrl", AVATAR)))
                .put("/v1/tenants/{id}/widget", tenantId)
                .then()
                .statusCode(200);
        // Ingress learns the settings over Kafka within seconds.
        await().atMost(PATIENCE)
                .until(() -> given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                        .header("Origin", origin)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/widget/v1/{t}/session", tenantId)
                        .statusCode() == 200);
        return tenantId;
    }

    private static SearchContext widget() {
        WebElement host = await().atMost(PATIENCE)
                .until(() -> browser.findElements(By.cssSelector("[data-aleff-chat]")), found -> !found.isEmpty())
                .get(0);
        return host.getShadowRoot();
    }

    private static List<String> assistantTexts() {
        return widget().findElements(By.cssSelector(".msg.assistant")).stream().map(e -> e.getAttribute("textContent"))
                .toList();
    }

    private static List<String> visitorTexts() {
        return widget().findElements(By.cssSelector(".msg.visitor")).stream().map(e -> e.getAttribute("textContent"))
                .toList();
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target").resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** A shop page embedding the widget of the tenant named in its path, on an origin of its own. */
    private static HttpServer page() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String tenantId = exchange.getRequestURI().getPath().substring(1);
            String html = """
                    <!doctype html><html lang="en"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>
                    <style>button, div { background: #f0f !important; font-size: 40px !important; }</style></head>
                    <body><h1>Test shop</h1><p>A page on another origin.</p>
                    <script src="%s/widget/v1/widget.js" data-tenant="%s" data-locale="en" async></script>
                    </body></html>
                    """.formatted(platform.serviceUrl(PlatformService.CHANNEL_INGRESS),
                    tenantId.replaceAll("[^A-Za-z0-9-]", ""));
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String url(HttpServer server, String tenantId) {
        return origin(server) + "/" + tenantId;
    }
}
