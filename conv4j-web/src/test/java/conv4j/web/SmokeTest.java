package conv4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void smoke() {
        try (TestServer s = TestServer.start(TestServer.settings(dir))) {
            var r = s.get("/api/models");
            System.out.println(r.statusCode() + " " + TestServer.text(r));
            byte[] png = SyntheticDigits.png(SyntheticDigits.draw(1, new SplittableRandom(99)));
            r = s.post("/api/predict", "image/png", png);
            System.out.println(r.statusCode() + " " + TestServer.text(r));
            r = s.post("/api/predict?layers=true", "image/png", png);
            System.out.println(r.statusCode() + " " + TestServer.text(r).length());
            r = s.get("/nothing");
            System.out.println(r.statusCode() + " " + TestServer.text(r));
            r = s.get("/api/nothing");
            System.out.println(r.statusCode() + " " + TestServer.text(r));
            r = s.post("/api/predict?model=x", "image/png", png);
            System.out.println(r.statusCode() + " " + TestServer.text(r));
            r = s.get("/api/summary/lenet5");
            System.out.println(r.statusCode() + " " + TestServer.text(r).substring(0, 200));
            r = s.postJson("/api/filter", "{\"sample\":\"chelsea\",\"kernel\":\"edge\"}");
            System.out.println(r.statusCode() + " " + r.headers().map() + " " + r.body().length);
            System.out.println(s.log());
            assertEquals(1, 1);
        }
    }
}
