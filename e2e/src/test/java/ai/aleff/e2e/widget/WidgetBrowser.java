package ai.aleff.e2e.widget;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium (Debian's chromium and chromium-driver; {@code ./aleff test} installs them when missing,
 * {@code ALEFF_CHROMIUM} / {@code ALEFF_CHROMEDRIVER} point at others) with one page open, and what a visitor sees
 * and does in the chat widget of that page. Reads the rendered DOM inside the widget's shadow root.
 */
public final class WidgetBrowser implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;

    private WidgetBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts Chromium with this browser language ({@code --lang} and the {@code intl.accept_languages} preference,
     * which give {@code navigator.language} and Accept-Language), or skips the test when Chromium is not installed.
     */
    public static WidgetBrowser start(String language) {
        Path chromedriver = Path.of(System.getenv().getOrDefault("ALEFF_CHROMEDRIVER", "/usr/bin/chromedriver"));
        Path chromium = Path.of(System.getenv().getOrDefault("ALEFF_CHROMIUM", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(chromedriver) && Files.isExecutable(chromium),
                "chromium/chromedriver not installed (./aleff test installs Debian's chromium and chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--lang=" + language, "--window-size=1280,800");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new WidgetBrowser(driver);
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The widget's shadow root, once the script has attached it. */
    public SearchContext widget() {
        WebElement host = await().atMost(PATIENCE)
                .until(() -> driver.findElements(By.cssSelector("[data-aleff-chat]")), found -> !found.isEmpty())
                .get(0);
        return host.getShadowRoot();
    }

    /** Opens the chat panel with the launcher button. */
    public void openChat() {
        widget().findElement(By.cssSelector("button.launcher")).click();
    }

    /** Types the message and presses Enter, as a visitor does. */
    public void send(String text) {
        widget().findElement(By.cssSelector("textarea")).sendKeys(text, Keys.ENTER);
    }

    /** The assistant's messages as rendered, in the order the log shows them. */
    public List<String> assistantTexts() {
        return texts(".msg.assistant");
    }

    public List<String> visitorTexts() {
        return texts(".msg.visitor");
    }

    /** An attribute of the first element the selector finds in the widget. */
    public String attribute(String selector, String name) {
        return widget().findElement(By.cssSelector(selector)).getAttribute(name);
    }

    /** Runs a script in the page and returns its value. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Runs an asynchronous script (its last argument is the callback) and returns what it called back with. */
    public Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** Reloads the page. */
    public void reload() {
        driver.navigate().refresh();
    }

    /** What the widget keeps in the page's localStorage under {@code aleff-chat:<tenant>:<key>}. */
    public String stored(String tenantId, String key) {
        return (String) script("return localStorage.getItem(arguments[0])", "aleff-chat:" + tenantId + ":" + key);
    }

    public void windowSize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** Saves a screenshot of the page under the module's {@code target/}. */
    public Path screenshot(String name) throws IOException {
        Path target = Path.of("target").resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private List<String> texts(String selector) {
        // textContent includes the screen-reader prefix ("Assistant: "); the rest is the message as rendered.
        return widget().findElements(By.cssSelector(selector)).stream().map(e -> e.getAttribute("textContent"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
