package conv4j.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its ChromeDriver, named explicitly so that Selenium never looks for (or downloads)
 * a browser of its own. {@code CONV4J_CHROMIUM} and {@code CONV4J_CHROMEDRIVER} point elsewhere.
 */
final class Chromium implements ExecutionCondition {
    static final Path BROWSER = Path.of(env("CONV4J_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(env("CONV4J_CHROMEDRIVER", "/usr/bin/chromedriver"));

    /** Null when both are there, else why the browser tests cannot run. */
    static String missing() {
        for (Path p : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(p)) {
                return p + " is not installed (apt-get install chromium chromium-driver)";
            }
        }
        return null;
    }

    /**
     * A headless browser with a fresh profile in {@code profile}. The flags keep it off the network: this machine
     * reaches nothing but loopback, and Chromium's background connections would only be refused.
     */
    static ChromeDriver start(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** As an extension ({@code @ExtendWith(Chromium.class)}): the tests are skipped, saying why, without it. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        return missing == null ? ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed")
                : ConditionEvaluationResult.disabled("browser tests skipped: " + missing);
    }

    private static String env(String name, String absent) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? absent : v;
    }
}
