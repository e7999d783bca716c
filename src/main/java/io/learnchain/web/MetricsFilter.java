package io.learnchain.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;

/**
 * Times every request for {@code /metrics}, labelled by endpoint: the servlet mapping that served
 * it ({@code /chain}, {@code /} for the page's files), never the raw path, so that no client can
 * make up new series. Methods outside HTTP's own are counted as {@code other}.
 */
public final class MetricsFilter extends HttpFilter {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        NodeMetrics metrics = NodeListener.metrics(getServletContext());
        if (metrics == null) {
            chain.doFilter(request, response);
            return;
        }
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "other";
            metrics.requested(request.getHttpServletMapping().getPattern(), method, response.getStatus(), System.nanoTime() - started);
        }
    }
}
