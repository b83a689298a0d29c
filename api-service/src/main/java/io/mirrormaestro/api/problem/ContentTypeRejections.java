package io.mirrormaestro.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request whose {@code Content-Type} names no single media type ({@code *}{@code /*}, {@code application/*}, or
 * nothing parseable) answers 415 problem+json before anything reads it. Spring MVC refuses such a header with an
 * {@link IllegalArgumentException} while reading the body, which reached the client as a 500 (found by the fault
 * suite's fuzzing: {@code POST /api/tokens} and {@code PUT /api/instances/{id}} sent as {@code *}{@code /*}).
 */
@Component
class ContentTypeRejections extends OncePerRequestFilter {

    static final String DETAIL = "the Content-Type header must name one media type, without wildcards"
            + " (send the body as application/json)";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !usable(contentType)) {
            ProblemResponses.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, DETAIL);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean usable(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
