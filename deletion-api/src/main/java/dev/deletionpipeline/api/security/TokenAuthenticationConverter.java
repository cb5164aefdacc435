package dev.deletionpipeline.api.security;

import dev.deletionpipeline.common.auth.TokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a verified JWT into the caller's authorities: {@code ROLE_admin} from the {@code roles} claim as it is, and
 * for owner tokens {@code ROLE_owner} only while the token's session exists ({@code ROLE_withdrawn_owner} when the
 * account is withdrawn). A token whose session is gone is refused as invalid.
 */
@Component
class TokenAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final OwnerSessions sessions;

    TokenAuthenticationConverter(OwnerSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> roles =
                Optional.ofNullable(jwt.getClaimAsStringList(TokenClaims.ROLES)).orElse(List.of());
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (roles.contains(Roles.ADMIN)) {
            authorities.add(role(Roles.ADMIN));
        }
        if (roles.contains(Roles.OWNER)) {
            authorities.add(role(ownerRole(jwt)));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private String ownerRole(Jwt jwt) {
        OwnerSessions.Status status = sessions.statusOf(uuid(jwt.getSubject()), uuid(jwt.getId()));
        return switch (status) {
            case LIVE -> Roles.OWNER;
            case WITHDRAWN -> Roles.WITHDRAWN_OWNER;
            case NONE -> throw new InvalidBearerTokenException("The session of this token has ended.");
        };
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("An owner token needs a UUID subject and jti.");
        }
    }

    private static GrantedAuthority role(String role) {
        return new SimpleGrantedAuthority("ROLE_" + role);
    }
}
