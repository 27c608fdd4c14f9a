package conv4j.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages, their scripts and styles, from the jar's {@code conv4j/web/static} folder. A request names one file by a
 * plain name (letters, digits, '-', one extension); anything else, a {@code ..} above all, is a 404 before any lookup,
 * so nothing outside that folder can be reached. Every page comes with a content security policy that allows only
 * this server's own scripts, styles and pictures: the lab works offline and loads nothing from elsewhere.
 */
final class StaticFiles {
    static final String FOLDER = "static/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|css|js|png|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");
    static final String POLICY = "default-src 'self'; img-src 'self' blob: data:; connect-src 'self';"
            + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> send(ctx, "index.html"));
        routes.get("/{file}", ctx -> send(ctx, ctx.pathParam("file")));
    }

    private void send(Context ctx, String name) {
        byte[] bytes = NAME.matcher(name).matches() ? cache.computeIfAbsent(name, StaticFiles::read) : null;
        if (bytes == null || bytes.length == 0) {
            throw ApiError.notFound("no such page: " + ctx.path());
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .contentType(TYPES.get(extension))
                .result(bytes);
    }

    /** The resource's bytes; empty (not null, which the cache cannot hold) when there is no such file. */
    private static byte[] read(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
