package conv4j.web;

import conv4j.vision.data.DataCache;
import conv4j.vision.data.DatasetCatalog;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.models.ModelRegistry;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The web lab: one small HTTP server (Javalin on Jetty) with the pages (the digit lab, the kernel playground, the
 * training dashboard) and their JSON API. {@code LabServer.start(settings, zoo, log)} listens and returns;
 * {@link #close()} stops it. Messages for the person who started it (the lab's model being trained, unexpected
 * errors) go to {@code log}, a line at a time.
 */
public final class LabServer implements AutoCloseable {
    private final Javalin app;
    private final LabModel lab;
    private final TrainingSession session;
    private final EventStream events;
    private final String host;
    private final ModelStore models;
    private final WorkQueue queue;
    private final RequestGuard guard;
    private final Uploads uploads;

    private LabServer(Javalin app, LabModel lab, TrainingSession session, EventStream events, String host,
                      ModelStore models, WorkQueue queue, RequestGuard guard, Uploads uploads) {
        this.app = app;
        this.lab = lab;
        this.session = session;
        this.events = events;
        this.host = host;
        this.models = models;
        this.queue = queue;
        this.guard = guard;
        this.uploads = uploads;
    }

    /**
     * Loads the lab's model (or starts training one) and listens. A model file that cannot be read, or an address
     * that cannot be bound, fails here.
     */
    public static LabServer start(WebSettings settings, ModelRegistry zoo, Consumer<String> log) throws IOException {
        ImageLoader loader = new ImageLoader(settings.maxPixels());
        ModelStore models = new ModelStore();
        WorkQueue queue = new WorkQueue(settings.workers(), settings.waiting(), settings.retryAfterSeconds());
        WebDatasets datasets = new WebDatasets(DataCache.resolve(settings.dataDir()), DatasetCatalog.standard());
        LabModel lab = new LabModel(models, settings, datasets, zoo, loader, log);
        lab.start();
        long ping = Math.max(100, Math.min(10_000, settings.idleTimeout().toMillis() / 3));
        EventStream events = new EventStream(ping);
        TrainingSession session = new TrainingSession(datasets, zoo, models, loader, events);

        ErrorAnswers errors = new ErrorAnswers(log);
        RequestGuard guard = RequestGuard.forHost(settings.host(), settings.allowedHosts());
        Uploads uploads = new Uploads(settings.uploads(), settings.bodyDeadline(), settings.retryAfterSeconds());
        PredictRoutes predict = new PredictRoutes(models, queue, loader, settings.maxBodyBytes(), uploads, zoo);
        ModelRoutes modelRoutes = new ModelRoutes(models, zoo);
        FilterRoutes filter = new FilterRoutes(queue, loader, settings.maxBodyBytes(), uploads);
        TrainingRoutes training = new TrainingRoutes(session, events, datasets, zoo, settings.maxBodyBytes(),
                uploads);
        StaticFiles files = new StaticFiles();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                // A client that stops sending (a slow or stalled upload, a half-sent request) is cut off after this.
                connector.setIdleTimeout(settings.idleTimeout().toMillis());
                return connector;
            });
            // A wrong method on a known path is 405 with Allow, not 404.
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProtocolErrors()));
            errors.register(config.routes);
            config.routes.before(guard::check);
            config.routes.get("/api/lab", ctx -> Json.send(ctx, lab.status()));
            predict.register(config.routes);
            modelRoutes.register(config.routes);
            filter.register(config.routes);
            training.register(config.routes);
            files.register(config.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            lab.stop();
            session.close();
            events.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + cause.getMessage(), e);
        }
        return new LabServer(app, lab, session, events, settings.host(), models, queue, guard, uploads);
    }

    /** The port listened on (the one chosen when the settings asked for port 0). */
    public int port() {
        return app.port();
    }

    /**
     * The address of the lab's landing page; served beyond loopback, with {@code ?token=...}, which the pages keep
     * and send with every request that starts or stops work.
     */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        String token = guard.token();
        return URI.create("http://" + h + ":" + port() + "/" + (token == null ? "" : "?" + RequestGuard.PARAMETER
                + "=" + token));
    }

    /** The token that requests which start or stop work need; null when the lab serves loopback only. */
    public String token() {
        return guard.token();
    }

    ModelStore models() {
        return models;
    }

    WorkQueue queue() {
        return queue;
    }

    Uploads uploads() {
        return uploads;
    }

    @Override
    public void close() {
        lab.stop();
        session.close();
        events.close();
        app.stop();
    }
}
