package io.learnchain.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * One log line per request: method, path, status and time taken (logger
 * {@code io.learnchain.requests}), unless the setting {@code requestLog} is false: a console log
 * line costs more than a durable write does.
 */
public final class RequestLogFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger("io.learnchain.requests");
    private boolean enabled;

    @Override
    public void init() {
        enabled = NodeListener.settings(getServletContext()).requestLog();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long micros = (System.nanoTime() - start) / 1000;
            LOG.info(() -> String.format("%s %s %d %d.%03d ms", request.getMethod(), request.getRequestURI(),
                    response.getStatus(), micros / 1000, micros % 1000));
        }
    }
}
