package conv4j.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who may use the lab, checked before any route. The Host header must name the address the lab listens on (a page
 * of evil.example whose name was rebound to 127.0.0.1 sends Host: evil.example), else 403. A request that changes
 * something (POST, PUT, PATCH, DELETE) from a browser must come from the lab's own pages: its Origin (or, without
 * one, its Referer) must be this server, else 403, so another site's page cannot start or stop runs. Served beyond
 * loopback, such a request must also carry the token printed at start, in the {@value #HEADER} header or the
 * {@code token} query parameter (401 otherwise): anyone on the network can reach the port, only the person who
 * started the lab has the address with the token.
 */
final class RequestGuard {
    static final String HEADER = "Conv4j-Token";
    static final String PARAMETER = "token";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** 128 bits from SecureRandom: as Jupyter's tokens, beyond guessing over a network. */
    private static final int TOKEN_BYTES = 16;

    private final Set<String> hostNames;
    private final String token;

    private RequestGuard(Set<String> hostNames, String token) {
        this.hostNames = Set.copyOf(hostNames);
        this.token = token;
    }

    /**
     * The guard for a server bound to {@code host}: loopback serves the loopback names without a token; any other
     * address serves its own name (for the wildcard 0.0.0.0 or ::, this machine's names and addresses) with a new
     * token. {@code allowed} names it answers to as well (a DNS name of this machine, a reverse proxy's); as those
     * reach it from beyond loopback, they too make it need a token.
     */
    static RequestGuard forHost(String host, Set<String> allowed) {
        String bound = normalise(host);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bound);
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0]; // the bind fails with its own message
        }
        boolean loopback = addresses.length > 0;
        boolean wildcard = false;
        for (InetAddress a : addresses) {
            loopback &= a.isLoopbackAddress();
            wildcard |= a.isAnyLocalAddress();
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(bound);
        if (loopback || wildcard) {
            LOOPBACK_NAMES.forEach(n -> names.add(normalise(n)));
        }
        for (InetAddress a : addresses) {
            if (!a.isAnyLocalAddress()) {
                names.add(normalise(a.getHostAddress()));
            }
        }
        if (wildcard) {
            names.addAll(thisMachine());
        }
        allowed.forEach(n -> names.add(hostName(n)));
        return new RequestGuard(names, loopback && allowed.isEmpty() ? null : newToken());
    }

    /** A guard that takes these names and, if {@code token} is not null, that token. */
    static RequestGuard of(Set<String> hostNames, String token) {
        Set<String> names = new LinkedHashSet<>();
        hostNames.forEach(n -> names.add(normalise(n)));
        return new RequestGuard(names, token);
    }

    /** The token a changing request needs, or null when the lab serves loopback only. */
    String token() {
        return token;
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !hostNames.contains(hostName(host))) {
            throw new ApiError(403, host == null ? "the request has no Host header"
                    : "this lab does not serve the host '" + host + "'; open it at the address it printed at start,"
                    + " or start it with --allow-host " + hostName(host) + " if that name is this machine's");
        }
        if (!CHANGING.contains(ctx.method().name())) {
            return;
        }
        String own = "http://" + host.toLowerCase(Locale.ROOT);
        String origin = ctx.header("Origin");
        if (origin != null) {
            if (!origin.toLowerCase(Locale.ROOT).equals(own)) {
                throw new ApiError(403, "a " + ctx.method().name() + " from the page of another site (Origin "
                        + origin + ") is refused; use the lab's own pages");
            }
        } else {
            String referer = ctx.header("Referer");
            if (referer != null && !own.equals(origin(referer))) {
                throw new ApiError(403, "a " + ctx.method().name() + " from the page of another site (Referer "
                        + referer + ") is refused; use the lab's own pages");
            }
        }
        if (token != null) {
            String given = ctx.header(HEADER);
            if (given == null) {
                given = ctx.queryParam(PARAMETER);
            }
            if (given == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiError(401, (given == null ? "this lab is served beyond this machine and needs its token"
                        : "the token is not this lab's") + ": open the address with ?token=... printed at start, or"
                        + " send the token in the " + HEADER + " header");
            }
        }
    }

    /** {@code example.org} from {@code Example.org:8080}, {@code ::1} from {@code [::1]:8080}. */
    static String hostName(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? h : normalise(h.substring(1, close));
        }
        int colon = h.lastIndexOf(':');
        return normalise(colon < 0 ? h : h.substring(0, colon));
    }

    /** {@code http://host:port}, as browsers write an Origin, from a page's address; null if it is not one. */
    private static String origin(String address) {
        try {
            URI uri = URI.create(address.strip());
            return uri.getScheme() == null || uri.getRawAuthority() == null ? null
                    : (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        int zone = n.indexOf('%');
        n = zone < 0 ? n : n.substring(0, zone);
        if (n.indexOf(':') >= 0) {
            try {
                // An IPv6 literal (no name lookup for a literal): one spelling for ::1 and 0:0:0:0:0:0:0:1.
                return InetAddress.getByName(n).getHostAddress();
            } catch (UnknownHostException e) {
                return n;
            }
        }
        return n;
    }

    /** The names and addresses of this machine, for a lab listening on all of them. */
    private static Set<String> thisMachine() {
        Set<String> names = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(normalise(local.getHostName()));
            names.add(normalise(local.getCanonicalHostName()));
        } catch (UnknownHostException e) {
            // a machine without a name is reached by its addresses
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    names.add(normalise(a.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            // the loopback names remain
        }
        return names;
    }

    private static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
