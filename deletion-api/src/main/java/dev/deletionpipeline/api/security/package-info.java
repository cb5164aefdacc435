/**
 * Who may call what. deletion-api is an OAuth2 resource server: bearer JWTs signed with HS256 and a configured secret
 * (local stack, tests) or verified against the issuer's JWKS (production), with their issuer and audience; the decoder
 * and its settings ({@code deletion.security.*}) come from {@code service-security}, as in the other services. An owner token is valid only while its
 * {@code jti} is a row of {@code session_tokens}, checked on every request and never cached, so that withdrawing an
 * account stops its tokens at once. Owners act on their own rows; {@code /v1/admin/**} needs the admin role. 401 and
 * 403 are problems like every other error.
 */
package dev.deletionpipeline.api.security;
