package io.learnchain.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error page: whatever went wrong outside the API servlets (an unknown path, an
 * unexpected exception) is answered as JSON {@code {"message": ...}} too, without a stack trace.
 */
public final class ErrorServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String message;
        if (status >= 400 && status < 500) {
            // the container refused the request (a malformed query, say): the client's fault, said as such
            Object text = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            String reason = text != null && !text.toString().isBlank() ? text.toString()
                    : error != null && error.getMessage() != null ? error.getMessage() : "HTTP " + status;
            message = status == 404 && error == null ? "Not found: " + (uri == null ? request.getRequestURI() : uri) : reason;
            LOG.fine(() -> "answered " + uri + " with " + code + ": " + reason);
        } else {
            LOG.log(Level.SEVERE, "request to " + uri + " failed", error);
            status = 500;
            message = "Internal error; the node's log has the details";
        }
        ApiServlet.write(request, response, new Reply(status, Reply.message(message)));
    }
}
