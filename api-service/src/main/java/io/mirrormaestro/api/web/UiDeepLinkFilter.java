package io.mirrormaestro.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the UI's {@code index.html} for the UI's own routes ({@code /mirrors?status=failed}, {@code /pairs/3}), so a
 * deep link, a bookmark or a reload opens the page the browser's router shows there. A route is any GET that is
 * neither the API, the WebSocket, actuator or the API docs, nor a file (its last segment has a dot:
 * {@code /assets/index.js}, {@code /favicon.ico}); everything else goes on unchanged, so {@code /api/nope} stays a
 * problem+json 404. Runs after Spring Security, which lets the UI's routes and files through without credentials.
 */
public class UiDeepLinkFilter extends OncePerRequestFilter {

    public static final String INDEX = "/index.html";

    private static final List<String> SERVER_PREFIXES =
            List.of("/api", "/ws", "/actuator", "/swagger-ui", "/v3", "/webjars", "/error");
    private static final List<String> SERVER_PAGES = List.of("/docs", "/redoc", "/openapi.json");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isUiRoute(
                request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()))) {
            request.getRequestDispatcher(INDEX).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The UI's files and routes, which need no credentials: the UI signs in by itself on its sign-in page. */
    public static boolean isUiResource(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (path.isEmpty() || path.equals("/")) {
            return true;
        }
        return !isServerPath(path);
    }

    private static boolean isServerPath(String path) {
        if (SERVER_PAGES.contains(path)) {
            return true;
        }
        for (String prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    static boolean isUiRoute(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (path.isEmpty() || path.equals("/") || SERVER_PAGES.contains(path)) {
            return false;
        }
        for (String prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }
}
