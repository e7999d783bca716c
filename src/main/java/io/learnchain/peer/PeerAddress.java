package io.learnchain.peer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what users type for a peer into the peer's base URL: {@code http://host:port} and
 * {@code host:port} both become {@code http://host:port}; a default port is left out
 * ({@code http://host:80} is {@code http://host}); a path names a node deployed under a context
 * path and is kept ({@code http://host:8080/blockchain/} becomes {@code http://host:8080/blockchain}).
 */
public final class PeerAddress {
    /** {@code http//host}, {@code http:/host}, {@code https:host}: a scheme with its {@code ://} mistyped. */
    private static final Pattern MISTYPED_SCHEME = Pattern.compile("(?i)https?(:/?(?!/)|/)");

    private PeerAddress() {
    }

    /**
     * How a node is addressed: its host names and addresses, its ports, its context path.
     * Loopback addresses always count as its own hosts.
     */
    public record Self(Set<String> hosts, Set<Integer> ports, String contextPath) {
    }

    /** True when {@code baseUrl} (from {@link #baseUrl}) points at the node described by {@code self}. */
    public static boolean isThisNode(String baseUrl, Self self) {
        URI uri = URI.create(baseUrl);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean ownHost = self.hosts().contains(host) || host.equals("localhost") || isLoopbackHost(host);
        return ownHost && self.ports().contains(port) && path.equals(self.contextPath());
    }

    private static boolean isLoopbackHost(String host) {
        return host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    /** True when {@code baseUrl}'s host is a loopback name or address: only its own machine can reach it there. */
    public static boolean isLoopback(String baseUrl) {
        String host = URI.create(baseUrl).getHost();
        if (host == null) {
            return false;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equalsIgnoreCase("localhost") || isLoopbackHost(host);
    }

    /**
     * The base URL for {@code entry}.
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public static String baseUrl(String entry) {
        String text = entry.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (!text.contains("://")) {
            if (MISTYPED_SCHEME.matcher(text).lookingAt()) {
                throw new IllegalArgumentException("the scheme is mistyped: write http://host:port");
            }
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("it is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the scheme must be http or https");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("it has no host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a node address has no user, query or fragment");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("the port must be between 1 and 65535");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.contains("//")) {
            throw new IllegalArgumentException("its path has an empty segment (//)");
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String port = uri.getPort() < 0 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path;
    }
}
