package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.common.auth.TokenClaims;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a forwarded query from another instance by its peer credential ({@link #SECRET_HEADER} equal to
 * {@code deletion.reconciler.peers.secret}, compared in constant time): only a GET that asks for this instance's own
 * stores ({@link TrackingQueryController#SCOPE_HEADER} = local), and only as {@link #ROLE}, which the authorization
 * rules accept on the three query paths alone. Anything else passes on unauthenticated and needs an admin token.
 */
final class PeerAuthentication extends OncePerRequestFilter {

    static final String SECRET_HEADER = "X-Deletion-Peer-Secret";
    static final String ROLE = "reconciler_peer";
    /** The forwarded queries, the only paths a peer credential opens. */
    static final String[] QUERY_PATHS = {"/v1/status/*", "/v1/summary", "/v1/orphans"};

    private final PeerSettings settings;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    PeerAuthentication(PeerSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPeerQuery(request)) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken(
                    "reconciler-peer", null, AuthorityUtils.createAuthorityList("ROLE_" + ROLE)));
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private boolean isPeerQuery(HttpServletRequest request) {
        String presented = request.getHeader(SECRET_HEADER);
        return presented != null
                && settings.forwardingEnabled()
                && HttpMethod.GET.matches(request.getMethod())
                && TrackingQueryController.LOCAL_SCOPE.equals(request.getHeader(TrackingQueryController.SCOPE_HEADER))
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8),
                        settings.secret().getBytes(StandardCharsets.UTF_8));
    }

    /** Who may ask the queries: an admin, or a peer with its credential. */
    static List<String> queryRoles() {
        return List.of(TokenClaims.ROLE_ADMIN, ROLE);
    }
}
