package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.Select;

/**
 * The lab's pages in a real headless Chromium: a "1" and a "0" drawn on the pad with the mouse (and a "1" with a
 * finger) are read as such and the layers' panels appear; the kernel playground changes the picture when a kernel is
 * chosen; the dashboard draws a curve point after a short run. Skipped, saying why, where Chromium is not installed.
 * With {@code CONV4J_SCREENSHOTS=<folder>} the lab is photographed into that folder (the README's picture); with
 * {@code CONV4J_LAB_MODEL=<file>} the pages answer with that model rather than the one trained on drawn digits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(Chromium.class)
class BrowserTest {
    private Path dir;
    private TestServer server;
    private ChromeDriver driver;
    private LabPage lab;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("conv4j-browser-test");
        SyntheticDigits.writeIdx(dir.resolve("data").resolve("drawn"), 320, 60, 21);
        WebSettings settings = TestServer.settings(dir);
        String model = System.getenv("CONV4J_LAB_MODEL");
        if (model != null && !model.isBlank()) {
            settings = settings.withModel(Path.of(model));
        }
        server = TestServer.start(settings);
        driver = Chromium.start(dir.resolve("profile"), 1280, 1000);
        lab = new LabPage(driver, server);
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void noErrorsYet() {
        driver.get(server.uri("/").toString());
        lab.waitFor(d -> "true".equals(lab.body("ready")), "the lab to load its model");
    }

    @Test
    void aVerticalStrokeIsReadAsOneAndTheLayersAppear() {
        drawWithMouse(List.of(new int[] {0, -90}, new int[] {0, 90}));
        assertEquals("1", answer());
        Map<String, Integer> panels = panels();
        // C1 and S2 have six maps, C3 and S4 sixteen: every feature map of LeNet-5's convolutions and poolings.
        assertEquals(6, panels.get("features.0"), panels.toString());
        assertEquals(6, panels.get("features.2"), panels.toString());
        assertEquals(16, panels.get("features.3"), panels.toString());
        assertEquals(16, panels.get("features.5"), panels.toString());
        assertTrue(panels.containsKey("classifier.0"), "the dense layer F6: " + panels);
        assertTrue(panels.containsKey("classifier.2"), "the output layer: " + panels);
        // each panel's title: the lecture's name of the layer, then its name in the model
        for (String[] named : new String[][] {{"features.0", "C1"}, {"features.5", "S4"}, {"classifier.2", "output"}}) {
            Object title = lab.js("return document.querySelector('#layers .layer[data-name=\"'"
                    + " + arguments[0] + '\"] h3')"
                    + ".textContent", named[0]);
            assertTrue(String.valueOf(title).startsWith(named[1] + ": " + named[0] + " "), String.valueOf(title));
        }
    }

    @Test
    void aCircleIsReadAsZero() {
        drawWithMouse(circle(70, 95));
        assertEquals("0", answer());
        screenshot("web-lab.png");
    }

    @Test
    void aFingerStrokeIsReadToo() {
        Rectangle pad = driver.findElement(By.id("pad")).getRect();
        int x = pad.getX() + pad.getWidth() / 2;
        int y = pad.getY() + pad.getHeight() / 2;
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence stroke = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), x + 5, y - 90))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int step = 1; step <= 12; step++) {
            stroke.addAction(finger.createPointerMove(Duration.ofMillis(15), PointerInput.Origin.viewport(),
                    x + 5 - step / 2, y - 90 + 15 * step));
        }
        stroke.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(stroke));
        assertEquals("1", answer());
    }

    @Test
    void theClearButtonEmptiesThePadAndTheAnswer() {
        drawWithMouse(List.of(new int[] {0, -90}, new int[] {0, 90}));
        assertEquals("1", answer());
        driver.findElement(By.id("clear")).click();
        assertEquals("?", driver.findElement(By.id("answer")).getText());
        assertEquals(0L, lab.js("return document.querySelectorAll('#layers .layer').length"));
        // Every pixel of the pad is white again.
        assertEquals(255L, lab.js("const c = document.getElementById('pad').getContext('2d');"
                + "const d = c.getImageData(0, 0, 280, 280).data; let m = 255;"
                + "for (let i = 0; i < d.length; i += 4) { m = Math.min(m, d[i]); } return m;"));
    }

    @Test
    void choosingAKernelChangesThePicture() {
        driver.get(server.uri("/kernels.html").toString());
        lab.waitFor(d -> "true".equals(lab.body("ready")), "the playground to show the first picture");
        lab.waitFor(d -> lab.imageReady("result"), "the identity-filtered picture");
        double identity = meanBrightness("result");
        assertEquals(meanBrightness("original"), identity, 1.0, "the identity kernel leaves the photo as it is");
        String before = driver.findElement(By.id("result")).getAttribute("src");

        new Select(driver.findElement(By.id("kernel"))).selectByValue("edge");
        lab.waitFor(d -> "edge".equals(driver.findElement(By.id("result")).getAttribute("data-kernel"))
                && !before.equals(driver.findElement(By.id("result")).getAttribute("src")) && lab.imageReady("result"),
                "the edge-filtered picture");
        double edges = meanBrightness("result");
        // The 8-neighbour Laplacian sums to 0: flat areas go black, only edges stay light.
        assertTrue(edges < identity / 2, "mean brightness " + identity + " -> " + edges);
        assertEquals("-1", driver.findElement(By.cssSelector("#grid input")).getAttribute("value"));

        // A weight typed into the grid is a kernel of one's own: the grid's identity with the centre at 0.5 darkens.
        List<WebElement> cells = driver.findElements(By.cssSelector("#grid input"));
        new Select(driver.findElement(By.id("kernel"))).selectByValue("identity");
        lab.waitFor(d -> "identity".equals(driver.findElement(By.id("result")).getAttribute("data-kernel"))
                && lab.imageReady("result"), "the identity picture again");
        cells.get(4).clear();
        cells.get(4).sendKeys("0.5");
        lab.waitFor(d -> "[[0,0,0],[0,0.5,0],[0,0,0]]".equals(driver.findElement(By.id("result"))
                .getAttribute("data-kernel")) && lab.imageReady("result"), "the picture through the typed kernel");
        assertEquals(identity / 2, meanBrightness("result"), 2.0);
    }

    @Test
    void theDashboardDrawsACurvePointAfterAShortRun() {
        driver.get(server.uri("/train.html").toString());
        lab.waitFor(d -> "true".equals(lab.body("ready")), "the dashboard's options");
        new Select(driver.findElement(By.id("dataset"))).selectByValue("drawn");
        WebElement epochs = driver.findElement(By.id("epochs"));
        epochs.clear();
        epochs.sendKeys("1");
        driver.findElement(By.id("start")).click();
        lab.waitFor(d -> lab.body("ended") != null, "the run to end");
        long points = Long.parseLong(driver.findElement(By.id("loss")).getAttribute("data-points"));
        assertTrue(points >= 2, "loss points: " + points);
        long accuracy = Long.parseLong(driver.findElement(By.id("accuracy")).getAttribute("data-points"));
        assertTrue(accuracy >= 2, "accuracy points: " + accuracy);
        String status = driver.findElement(By.id("status")).getText();
        assertTrue(status.contains("completed"), status);
        // 6 filters of 1 x 5 x 5 in a row, a pixel per weight and a pixel between tiles (enlarged on the page)
        assertEquals(6 * (5 + 1) + 1L, lab.js("return document.getElementById('filters').width"));
        assertEquals("false", lab.body("running"));
    }

    @Test
    void pagesServedBeyondLoopbackKeepTheTokenOfTheirAddress() {
        try (TestServer open = TestServer.start(TestServer.settings(dir).withAddress("0.0.0.0", 0))) {
            String page = "http://127.0.0.1:" + open.server.port() + "/kernels.html";
            driver.get(page + "?token=" + open.server.token());
            lab.waitFor(d -> "true".equals(lab.body("ready")) && lab.imageReady("result"),
                    "the filtered picture, with the token");
            assertEquals(page, driver.getCurrentUrl(), "the token leaves the address bar");
            // Another page of the lab, opened without it, still sends it: its filter calls are accepted.
            driver.get(page);
            lab.waitFor(d -> "true".equals(lab.body("ready")) && lab.imageReady("result"),
                    "the filtered picture again");
            new Select(driver.findElement(By.id("kernel"))).selectByValue("edge");
            lab.waitFor(d -> "edge".equals(driver.findElement(By.id("result")).getAttribute("data-kernel"))
                    && lab.imageReady("result"), "the edge-filtered picture" + status());
            assertEquals("", status());
        }
    }

    private void drawWithMouse(List<int[]> points) {
        WebElement pad = driver.findElement(By.id("pad"));
        Actions a = new Actions(driver, Duration.ofMillis(10))
                .moveToElement(pad, points.get(0)[0], points.get(0)[1]).clickAndHold();
        for (int i = 1; i < points.size(); i++) {
            int dx = points.get(i)[0] - points.get(i - 1)[0];
            int dy = points.get(i)[1] - points.get(i - 1)[1];
            // several small moves, as a hand makes them
            for (int s = 1; s <= 6; s++) {
                a.moveByOffset(dx * s / 6 - dx * (s - 1) / 6, dy * s / 6 - dy * (s - 1) / 6);
            }
        }
        a.release().perform();
    }

    private static List<int[]> circle(int rx, int ry) {
        List<int[]> points = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            double t = 2 * Math.PI * i / 24;
            points.add(new int[] {(int) Math.round(rx * Math.sin(t)), (int) Math.round(-ry * Math.cos(t))});
        }
        return points;
    }

    private String answer() {
        lab.waitFor(d -> !"?".equals(d.findElement(By.id("answer")).getText())
                || d.findElement(By.id("status")).getAttribute("class").contains("error"), "an answer");
        return driver.findElement(By.id("answer")).getText() + status();
    }

    /** Empty unless the page shows an error, so that a failed assertion says what the page said. */
    private String status() {
        WebElement s = driver.findElement(By.id("status"));
        return s.getAttribute("class").contains("error") ? " (" + s.getText() + ")" : "";
    }

    /** Layer name -> canvases in its panel. */
    @SuppressWarnings("unchecked")
    private Map<String, Integer> panels() {
        lab.waitFor(d -> (Long) lab.js("return document.querySelectorAll('#layers .layer').length") > 0,
                "layer panels");
        Map<String, Object> raw = (Map<String, Object>) lab.js("const out = {};"
                + "document.querySelectorAll('#layers .layer').forEach(l => out[l.dataset.name] ="
                + " l.querySelectorAll('canvas').length); return out;");
        Map<String, Integer> out = new java.util.TreeMap<>();
        raw.forEach((k, v) -> out.put(k, ((Number) v).intValue()));
        return out;
    }


    private double meanBrightness(String id) {
        return ((Number) lab.js("const i = document.getElementById(arguments[0]);"
                + "const c = document.createElement('canvas'); c.width = i.naturalWidth; c.height = i.naturalHeight;"
                + "const g = c.getContext('2d'); g.drawImage(i, 0, 0);"
                + "const d = g.getImageData(0, 0, c.width, c.height).data; let s = 0;"
                + "for (let k = 0; k < d.length; k += 4) { s += (d[k] + d[k + 1] + d[k + 2]) / 3; }"
                + "return s / (d.length / 4);", id)).doubleValue();
    }




    /** The page as it is now, into $CONV4J_SCREENSHOTS/{name} when that folder is given. */
    private void screenshot(String name) {
        String folder = System.getenv("CONV4J_SCREENSHOTS");
        if (folder == null || folder.isBlank()) {
            return;
        }
        Dimension size = driver.manage().window().getSize();
        // tall enough for the whole lab: the pad, the answer and every layer's panel
        driver.manage().window().setSize(new Dimension(1280, 1480));
        try {
            Files.write(Path.of(folder).resolve(name), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }
}
