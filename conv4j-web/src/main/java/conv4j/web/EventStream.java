package conv4j.web;

import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events to every page that listens, with a replay: a page that connects (or reconnects) mid-run first
 * receives the run's events so far, so its curves start complete. Events are sent from a thread of their own, so a
 * page that reads slowly never holds up training; a comment every few seconds keeps idle connections open under
 * the server's idle timeout.
 */
final class EventStream implements AutoCloseable {
    /** A run's history is bounded; past this many events, every other batch event is dropped from the replay. */
    static final int MAX_REPLAY = 4000;
    /** Events of this name replace the previous one in the replay: a page needs only the latest filters. */
    static final String LATEST_ONLY = "filters";

    record Event(String name, String json) {
    }

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final List<Event> history = new ArrayList<>();
    private final ScheduledExecutorService sender;

    EventStream(long pingMillis) {
        sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conv4j-events");
            t.setDaemon(true);
            return t;
        });
        sender.scheduleAtFixedRate(this::ping, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
    }

    /** Keeps the page's request open, sends it the history, then every new event. */
    void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        execute(() -> {
            synchronized (history) {
                for (Event e : history) {
                    send(client, e);
                }
                clients.add(client);
            }
        });
    }

    /** Sends an event to every page and keeps it for pages that connect later. */
    void publish(String name, Object data) {
        Event event = new Event(name, Json.text(data));
        execute(() -> {
            synchronized (history) {
                if (name.equals(LATEST_ONLY)) {
                    history.removeIf(e -> e.name().equals(LATEST_ONLY));
                }
                history.add(event);
                if (history.size() > MAX_REPLAY) {
                    thin();
                }
                for (SseClient c : clients) {
                    send(c, event);
                }
            }
        });
    }

    /** Forgets the history: a new run starts. */
    void reset() {
        execute(() -> {
            synchronized (history) {
                history.clear();
            }
        });
    }

    /** Events sent so far that are still kept for the replay (for tests and the status answer). */
    List<Event> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Work for the sending thread; none once the server is stopping. */
    private void execute(Runnable work) {
        try {
            sender.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the server is closing: nobody is listening any more
        }
    }

    private void thin() {
        List<Event> kept = new ArrayList<>();
        boolean drop = false;
        for (Event e : history) {
            if (e.name().equals("batch")) {
                drop = !drop;
                if (drop) {
                    continue;
                }
            }
            kept.add(e);
        }
        history.clear();
        history.addAll(kept);
    }

    private void send(SseClient client, Event e) {
        if (client.terminated()) {
            clients.remove(client);
            return;
        }
        try {
            client.sendEvent(e.name(), e.json());
        } catch (RuntimeException ex) {
            clients.remove(client);
        }
    }

    private void ping() {
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                try {
                    c.sendComment("ping");
                } catch (RuntimeException ex) {
                    clients.remove(c);
                }
            }
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ex) {
                // the page is gone already
            }
        }
        clients.clear();
    }
}
