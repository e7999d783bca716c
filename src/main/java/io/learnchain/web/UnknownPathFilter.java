package io.learnchain.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * A path that is neither an endpoint nor one of the page's files is 404 for every method, naming
 * the path, with the nearest endpoint when it looks like a typo ({@code /nodes/registr}). Without
 * this, a POST there would meet the file servlet's 405 "use GET", which sends a student looking
 * in the wrong place.
 */
public final class UnknownPathFilter extends HttpFilter {
    private volatile List<String> endpoints;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (request.getHttpServletMapping().getMappingMatch() != MappingMatch.DEFAULT || path.equals("/") || path.isEmpty()
                || getServletContext().getResource(path) != null) {
            chain.doFilter(request, response);
            return;
        }
        String nearest = nearest(path);
        ApiServlet.write(request, response, new Reply(404, Reply.message("There is no " + path + " on this node"
                + (nearest == null ? "" : "; did you mean " + nearest + "?"))));
    }

    /** The endpoint nearest to {@code path} in edits, if it is near enough to be a typo of it. */
    String nearest(String path) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String endpoint : endpoints()) {
            int distance = distance(path.toLowerCase(java.util.Locale.ROOT), endpoint);
            if (distance < bestDistance) {
                best = endpoint;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, path.length() / 5) ? best : null;
    }

    /** The paths the node's servlets are mapped to (a pattern such as {@code /balances/*} without its star). */
    private List<String> endpoints() {
        List<String> known = endpoints;
        if (known == null) {
            TreeSet<String> paths = new TreeSet<>();
            for (ServletRegistration servlet : getServletContext().getServletRegistrations().values()) {
                for (String mapping : servlet.getMappings()) {
                    if (mapping.startsWith("/") && mapping.length() > 1 && !mapping.equals("/error")) {
                        paths.add(mapping.endsWith("/*") ? mapping.substring(0, mapping.length() - 1) : mapping);
                    }
                }
            }
            known = List.copyOf(paths);
            endpoints = known;
        }
        return known;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
