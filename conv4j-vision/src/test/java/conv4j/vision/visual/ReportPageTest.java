package conv4j.vision.visual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {
    @TempDir
    Path dir;

    private static List<String> sources(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void showsPicturesInOrderWithEscapedText() throws Exception {
        String html = new ReportPage("lenet5 on <my> digit")
                .paragraph("a & b")
                .predictions(List.of(new ReportPage.Prediction("7", 0.9), new ReportPage.Prediction("<1>", 0.05)))
                .picture("b.png", "second \"one\"")
                .picture("a.png", "first")
                .html();
        assertEquals(List.of("b.png", "a.png"), sources(html));
        assertTrue(html.contains("<title>lenet5 on &lt;my&gt; digit</title>"), html);
        assertTrue(html.contains("<p>a &amp; b</p>"), html);
        assertTrue(html.contains("&lt;1&gt;"), html);
        assertTrue(html.contains("90.0%"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("http"), html);
    }

    @Test
    void refusesPicturesOutsideItsFolder() {
        ReportPage page = new ReportPage("x");
        for (String bad : List.of("../up.png", "sub/x.png", "/abs.png", "http://example.org/x.png",
                "data.svg", ".hidden.png", "a\"b.png")) {
            assertThrows(IllegalArgumentException.class, () -> page.picture(bad, "c"), bad);
        }
        assertEquals(List.of(), page.pictures());
    }

    @Test
    void writesThePageAsUtf8() throws Exception {
        Path file = dir.resolve("index.html");
        ReportPage page = new ReportPage("Ziffer ä").picture("input.png", "input");
        page.write(file);
        assertEquals(page.html(), Files.readString(file, StandardCharsets.UTF_8));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }
}
