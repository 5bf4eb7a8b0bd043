package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>}. A missing header leaves the request anonymous (the
 * rules decide); a wrong or revoked token is refused at once, without saying which part was wrong.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final ApiTokens tokens;
  private final ProblemResponses problems;

  BearerTokenFilter(ApiTokens tokens, ProblemResponses problems) {
    this.tokens = tokens;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiTokenRepository.StoredToken> token =
        header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? tokens.authenticate(header.substring(BEARER.length()).strip())
            : Optional.empty();
    if (token.isEmpty()) {
      problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid or revoked bearer token");
      return;
    }
    ApiTokenRepository.StoredToken stored = token.get();
    Actor actor =
        new Actor(
            "token:" + stored.id(),
            stored.tenantId(),
            stored.role(),
            request.getRemoteAddr(),
            stored.edgeSiteId());
    SecurityContextHolder.getContext().setAuthentication(new ActorAuthentication(actor));
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
