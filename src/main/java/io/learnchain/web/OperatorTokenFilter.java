package io.learnchain.web;

import io.learnchain.chain.Sha256;
import io.learnchain.node.Settings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.logging.Logger;

/**
 * Guards what costs the node work or changes whom it talks to (mapped in {@code web.xml}: mining,
 * registering, removing and resolving) when the setting {@code adminToken} is set: those need
 * {@code Authorization: Bearer <token>}, else 401 with {@code WWW-Authenticate: Bearer}. Without
 * the setting everything stays open, as in the tutorial; except what is mapped with the init
 * parameter {@code steering} (the operator's controls under {@code /admin/}): without a token a
 * node answers 403 there, saying how to set one, since nobody may steer it. The token is compared
 * in constant time (as digests, so not even its length shows) and never logged.
 */
public final class OperatorTokenFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(OperatorTokenFilter.class.getName());
    private static final String BEARER = "Bearer ";
    private boolean steering;

    @Override
    public void init() {
        steering = Boolean.parseBoolean(getInitParameter("steering"));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Settings settings = NodeListener.settings(getServletContext());
        String token = settings == null ? null : settings.adminToken();
        if (token == null && steering && settings != null && !request.getMethod().equals("OPTIONS")) {
            ApiServlet.write(request, response, new Reply(403, Reply.message("This node has no operator's token, so nobody may steer"
                    + " it: start it with -Dblockchain.adminToken=<token> (or the environment variable BLOCKCHAIN_ADMIN_TOKEN)")));
            return;
        }
        if (token == null || request.getMethod().equals("OPTIONS")) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            refuse(request, response, "Bearer realm=\"blockchain-node\"",
                    "This needs the operator's token: send the header Authorization: Bearer <token>");
        } else if (!sameDigest(header.substring(BEARER.length()).strip(), token)) {
            refuse(request, response, "Bearer realm=\"blockchain-node\", error=\"invalid_token\"",
                    "The operator's token is wrong");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean sameDigest(String given, String token) {
        byte[] expected = Sha256.digest(token.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(Sha256.digest(given.getBytes(StandardCharsets.UTF_8)), expected);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String challenge, String message)
            throws IOException {
        LOG.info(() -> "rejected " + request.getMethod() + " " + request.getRequestURI() + ": 401 " + message);
        response.setHeader("WWW-Authenticate", challenge);
        ApiServlet.write(request, response, new Reply(401, Reply.message(message)));
    }
}
