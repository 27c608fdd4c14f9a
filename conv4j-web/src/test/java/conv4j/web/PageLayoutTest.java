package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * How the lab's pages look, measured in a real headless Chromium: labels stand apart from their controls, a result
 * appears in a place kept for it instead of pushing the page about, the charts are ticked at round numbers on both
 * axes, the dashboard's form shows the run its charts show, and the first layer's filters are big enough to see.
 * Skipped, saying why, where Chromium is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(Chromium.class)
class PageLayoutTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1000;
    /** The least room between a label's text and its control, in CSS pixels. */
    private static final double LABEL_GAP = 8;
    /** The least width of one filter of the first layer as the dashboard draws it, in CSS pixels. */
    private static final double FILTER_WIDTH = 40;

    private Path dir;
    private TestServer server;
    private ChromeDriver driver;
    private LabPage lab;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("conv4j-layout-test");
        SyntheticDigits.writeIdx(dir.resolve("data").resolve("drawn"), 320, 60, 21);
        server = TestServer.start(TestServer.settings(dir));
        driver = Chromium.start(dir.resolve("profile"), WIDTH, HEIGHT);
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
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @AfterEach
    void fullSizeAgain() {
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    }

    @Test
    void everyLabelStandsApartFromItsControl() {
        List<String> cramped = new ArrayList<>();
        for (String page : List.of("/", "/kernels.html", "/train.html")) {
            open(page);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> labels = (List<Map<String, Object>>) lab.js("return Array.from("
                    + "document.querySelectorAll('label')).map(l => { const s = l.querySelector('span');"
                    + " const c = l.querySelector('input, select');"
                    + " return {text: s.textContent, right: s.getBoundingClientRect().right,"
                    + " control: c.getBoundingClientRect().left}; });");
            assertTrue(labels.size() >= 1, page + " has labels");
            for (Map<String, Object> l : labels) {
                double gap = ((Number) l.get("control")).doubleValue() - ((Number) l.get("right")).doubleValue();
                if (gap < LABEL_GAP) {
                    cramped.add(page + ": '" + l.get("text") + "' ends " + gap + " px before its control");
                }
            }
        }
        assertEquals(List.of(), cramped);
    }

    @Test
    void theAnswerKeepsItsPlaceWhenItAppears() {
        open("/");
        double[] before = rect("#answer", "section");
        double[] layers = rect("#layers", "section");
        WebElement pad = driver.findElement(By.id("pad"));
        Actions stroke = new Actions(driver, Duration.ofMillis(10)).moveToElement(pad, 0, -90).clickAndHold();
        for (int step = 0; step < 6; step++) {
            stroke.moveByOffset(0, 30);
        }
        stroke.release().perform();
        lab.waitFor(d -> !"?".equals(d.findElement(By.id("answer")).getText()), "an answer");
        assertSamePlace(before, rect("#answer", "section"), "the answer's panel with no answer and with one");
        assertSamePlace(layers, rect("#layers", "section"), "the layers' panel with no answer and with one");
    }

    @Test
    void theFilteredPictureKeepsItsPlaceWhenItAppears() {
        // Narrow enough that the photo and its filtered copy side by side cannot also fit beside the controls
        driver.manage().window().setSize(new Dimension(1024, 800));
        // Where the pictures' panel is as the page is first laid out, before any picture has come
        String id = (String) driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "document.addEventListener('DOMContentLoaded', () => { const r = document.getElementById('result')"
                        + ".closest('section').getBoundingClientRect(); window.emptyPanel = [r.x, r.y]; });"))
                .get("identifier");
        try {
            open("/kernels.html");
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
        }
        lab.waitFor(d -> lab.imageReady("result") && lab.imageReady("original"), "both pictures");
        @SuppressWarnings("unchecked")
        List<Number> empty = (List<Number>) lab.js("return window.emptyPanel");
        assertSamePlace(new double[] {empty.get(0).doubleValue(), empty.get(1).doubleValue()},
                rect("#result", "section"), "the pictures' panel before the pictures came and after");
    }

    @Test
    void theChartsStayBesideTheFormThroughARun() {
        open("/train.html");
        double[] before = rect("#loss", "section");
        runOneEpochFromTheForm();
        double[] after = rect("#loss", "section");
        assertSamePlace(before, after, "the charts' panel before the run and after");
        double formRight = ((Number) lab.js("return document.getElementById('form').closest('section')"
                + ".getBoundingClientRect().right")).doubleValue();
        assertTrue(after[0] > formRight, "the charts begin at x = " + after[0] + ", the form ends at " + formRight);
    }

    @Test
    void ticksAreRoundNumbersCoveringTheRange() {
        open("/train.html");
        // Worked out by hand: the fewest round steps (1, 2 or 5 times a power of ten) giving at most `most` intervals
        assertEquals(List.of(1, 2, 3, 4, 5), ticks(1.13, 4.64, 5));
        assertEquals(List.of(2, 2.5, 3, 3.5, 4, 4.5), ticks(2.04, 4.02, 5));
        assertEquals(List.of(0, 0.2, 0.4, 0.6, 0.8, 1), ticks(0, 1, 5));
        assertEquals(List.of(0, 5, 10, 15, 20, 25, 30), ticks(0, 30, 6));
        assertEquals(List.of(0, 200, 400, 600, 800, 1000), ticks(0, 938, 6));
        assertEquals(List.of(0.031, 0.032, 0.033, 0.034, 0.035), ticks(0.0312, 0.0347, 5));
        assertEquals(List.of(-1, -0.5, 0, 0.5), ticks(-0.7, 0.3, 5));
        assertEquals(List.of(0, 1), ticks(0, 1, 1));
    }

    @Test
    void aRunsChartsAreTickedAtRoundNumbersOnBothAxes() {
        runOneIfNoneYet();
        open("/train.html");
        lab.waitFor(d -> lab.body("ended") != null, "the run's replay");
        for (String chart : List.of("loss", "accuracy")) {
            for (String axis : List.of("xTicks", "yTicks")) {
                String drawn = (String) lab.js("return document.getElementById(arguments[0]).dataset[arguments[1]]"
                        + " ?? null", chart, axis);
                assertTrue(drawn != null, chart + " has no " + axis);
                assertRound(chart + " " + axis + " " + drawn, Arrays.stream(drawn.split(" "))
                        .mapToDouble(Double::parseDouble).toArray());
            }
            String x = (String) lab.js("return document.getElementById(arguments[0]).dataset.xTicks", chart);
            assertTrue(x.startsWith("0 "), chart + "'s steps are counted from 0: " + x);
        }
    }

    @Test
    void theFormShowsTheSettingsOfTheRunOnTheCharts() {
        runOneIfNoneYet();
        // Opened again (or in another tab) the page replays the last run: a 1-epoch run on "drawn"
        open("/train.html");
        lab.waitFor(d -> lab.body("ended") != null, "the run's replay");
        String status = driver.findElement(By.id("status")).getText();
        assertTrue(status.contains("1 epoch"), status);
        assertEquals("1", driver.findElement(By.id("epochs")).getAttribute("value"));
        assertEquals("drawn", new Select(driver.findElement(By.id("dataset"))).getFirstSelectedOption().getText());
        assertEquals("sgd", new Select(driver.findElement(By.id("optimizer"))).getFirstSelectedOption().getText());
    }

    @Test
    void theFirstLayersFiltersAreLargeEnoughToSee() {
        runOneIfNoneYet();
        open("/train.html");
        lab.waitFor(d -> lab.js("return document.getElementById('filters').dataset.step ?? null") != null,
                "the filters");
        // LeNet-5's C1: 6 filters of 5 x 5 in one row
        double width = ((Number) lab.js("return document.getElementById('filters').getBoundingClientRect().width"))
                .doubleValue();
        assertTrue(width >= 6 * FILTER_WIDTH, "6 filters in " + width + " px");
        assertEquals("pixelated", lab.js("return getComputedStyle(document.getElementById('filters')).imageRendering"),
                "weights enlarged as sharp squares");
    }

    private void runOneEpochFromTheForm() {
        int run = TestServer.json(server.get("/api/train")).get("run").asInt() + 1;
        new Select(driver.findElement(By.id("dataset"))).selectByValue("drawn");
        WebElement epochs = driver.findElement(By.id("epochs"));
        epochs.clear();
        epochs.sendKeys("1");
        driver.findElement(By.id("start")).click();
        lab.waitFor(d -> String.valueOf(run).equals(lab.body("ended")), "run " + run + " to end");
        String status = driver.findElement(By.id("status")).getText();
        assertTrue(status.contains("completed"), status);
    }

    private void runOneIfNoneYet() {
        if (TestServer.json(server.get("/api/train")).get("run").asInt() == 0) {
            open("/train.html");
            runOneEpochFromTheForm();
        }
    }

    /** Within a fraction of a pixel: text laid out again may round differently. */
    private static void assertSamePlace(double[] expected, double[] actual, String what) {
        String message = what + ": (x, y) " + Arrays.toString(expected) + " then " + Arrays.toString(actual);
        assertEquals(expected[0], actual[0], 0.5, message);
        assertEquals(expected[1], actual[1], 0.5, message);
    }

    /** Evenly spaced, the step 1, 2 or 5 times a power of ten, each tick a whole number of steps. */
    private static void assertRound(String what, double[] ticks) {
        assertTrue(ticks.length >= 2, what);
        double step = ticks[1] - ticks[0];
        double power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        double mantissa = step / power;
        assertTrue(List.of(1.0, 2.0, 5.0).stream().anyMatch(m -> Math.abs(mantissa - m) < 1e-6),
                what + ": step " + step);
        for (int i = 0; i < ticks.length; i++) {
            assertEquals(ticks[0] + i * step, ticks[i], step * 1e-6, what);
            assertEquals(Math.round(ticks[i] / step), ticks[i] / step, 1e-6, what);
        }
    }

    private List<Number> ticks(double low, double high, int most) {
        Object answer = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/ticks.js').then(m => done(m.niceTicks(arguments[0], arguments[1], arguments[2])),"
                        + " e => done(String(e)));", low, high, most);
        if (!(answer instanceof List<?> raw)) {
            throw new AssertionError("niceTicks(" + low + ", " + high + ", " + most + "): " + answer);
        }
        // Whole numbers come back as Longs, the others as Doubles: compare them as the numbers they are
        List<Number> out = new ArrayList<>();
        for (Object o : raw) {
            Number n = (Number) o;
            out.add(n.doubleValue() == Math.rint(n.doubleValue()) ? (Number) (int) n.doubleValue() : n);
        }
        return out;
    }

    private void open(String page) {
        driver.get(server.uri(page).toString());
        lab.waitFor(d -> "true".equals(lab.body("ready")), page + " to be ready");
    }

    /** (x, y) of the element's closest {@code ancestor}, or of itself. */
    private double[] rect(String selector, String ancestor) {
        @SuppressWarnings("unchecked")
        List<Number> r = (List<Number>) lab.js("const e = document.querySelector(arguments[0]).closest(arguments[1]);"
                + " const r = e.getBoundingClientRect(); return [r.x, r.y];", selector, ancestor);
        return new double[] {r.get(0).doubleValue(), r.get(1).doubleValue()};
    }




}
