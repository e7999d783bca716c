package io.learnchain.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.util.Set;

/**
 * Errors the server itself raises answer JSON {@code {"message": ...}} whatever the method. For
 * GET, POST and HEAD the server shows them through the error page ({@link ErrorServlet}); for
 * other methods Jetty shows no error page and would answer with an empty body, so those are
 * written here. A method refused by a servlet the node did not write (the server's own for the
 * page's files, the metrics exporter: 405, or 501 for a method it does not know) is answered as
 * every endpoint answers one: 405 with {@code Allow} (the endpoints answer their own 405s).
 */
public final class JsonErrorFilter extends HttpFilter {
    private static final Set<String> WITH_ERROR_PAGES = Set.of("GET", "POST", "HEAD");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendError(int status) throws IOException {
                sendError(status, null);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                if (status == 405 || status == 501) {
                    response.setHeader("Allow", "GET, HEAD, OPTIONS");
                    write(405, "Method " + request.getMethod() + " is not allowed on " + request.getRequestURI() + "; use GET");
                } else if (WITH_ERROR_PAGES.contains(request.getMethod())) {
                    super.sendError(status, message);
                } else {
                    write(status, message != null && !message.isBlank() ? message : "HTTP " + status);
                }
            }

            private void write(int status, String message) throws IOException {
                ApiServlet.write(request, response, new Reply(status, Reply.message(message)));
            }
        });
    }
}
