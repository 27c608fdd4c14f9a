package conv4j.web;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests ask of a lab page: scripts run in it, its body's data attributes, waits that show the log. */
final class LabPage {
    private final WebDriver driver;
    private final TestServer server;

    LabPage(WebDriver driver, TestServer server) {
        this.driver = driver;
        this.server = server;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** {@code document.body.dataset[data]}, where the pages say what they have done; null while unset. */
    String body(String data) {
        Object v = js("return document.body.dataset[arguments[0]] ?? null;", data);
        return v == null ? null : v.toString();
    }

    boolean imageReady(String id) {
        return Boolean.TRUE.equals(js("const i = document.getElementById(arguments[0]);"
                + " return i.complete && i.naturalWidth > 0;", id));
    }

    void waitFor(Function<WebDriver, Boolean> condition, String what) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).withMessage(() -> "waiting for " + what + "; log: "
                + server.log()).until(condition::apply);
    }
}
