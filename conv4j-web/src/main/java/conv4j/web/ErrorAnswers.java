package conv4j.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every error is JSON, {@code {"error": "..."}}, with a message that names what was wrong: the API's own refusals
 * with their status, a picture or kernel the engine refuses (its IllegalArgumentException) as 400, a route that does
 * not exist as 404, a method a known path does not take as 405 with Allow, and anything unexpected as 500, logged
 * once, while the server goes on serving.
 */
final class ErrorAnswers {
    record ErrorBody(String error) {
    }

    private final Consumer<String> log;

    ErrorAnswers(Consumer<String> log) {
        this.log = log;
    }

    void register(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> send(ctx, e.status(), e.getMessage(), e.headers()));
        routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
            String allowed = e.getDetails().getOrDefault("availableMethods", "");
            send(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + (allowed.isEmpty() ? ""
                    : "; it takes " + allowed), allowed.isEmpty() ? Map.of() : Map.of("Allow", allowed));
        });
        routes.exception(IllegalArgumentException.class, (e, ctx) -> send(ctx, 400, oneLine(e.getMessage()),
                Map.of()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.accept("unexpected error on " + ctx.method() + " " + ctx.path() + ": " + e);
            send(ctx, 500, "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())), Map.of());
        });
        routes.error(404, "*", ctx -> {
            if (!answered(ctx)) {
                send(ctx, 404, "no such page or API: " + ctx.method() + " " + ctx.path(), Map.of());
            }
        });
        routes.error(405, "*", ctx -> {
            if (!answered(ctx)) {
                send(ctx, 405, ctx.method() + " is not allowed on " + ctx.path(), Map.of());
            }
        });
    }

    static void send(Context ctx, int status, String message, Map<String, String> headers) {
        headers.forEach(ctx::header);
        ctx.status(status).contentType(Json.TYPE).result(Json.bytes(new ErrorBody(message)));
    }

    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Json.TYPE);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
