package io.mirrormaestro.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.Context;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests refused before any controller sees them answer {@code application/problem+json} too, never an HTML page:
 * those Spring Security's firewall rejects (encoded {@code %}, {@code ;}, {@code ..}, control characters in the
 * path) and those Tomcat itself refuses while parsing (an encoded {@code /} or NUL, a malformed request line).
 */
@Configuration(proxyBeanMethods = false)
class PathRejections {

    static final String PATH_NOT_ALLOWED = "the request path is not allowed: it contains an encoded slash,"
            + " backslash, percent sign, dot segment or control character";

    /** Spring Security picks this bean up for its firewall (StrictHttpFirewall) rejections. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return PathRejections::firewallRejected;
    }

    private static void firewallRejected(
            HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        boolean path = reason.contains("URL") || reason.contains("path") || reason.contains("normalized");
        ProblemResponses.write(
                response, HttpStatus.BAD_REQUEST, path ? PATH_NOT_ALLOWED : "the request is not allowed: " + reason);
    }

    /**
     * Replaces Tomcat's HTML error report (Boot's, without details) on the host with {@link ProblemReportValve}.
     * Ordered last so it runs after Boot's own customizer has added its valve, which it then removes.
     */
    @Bean
    ProblemReports problemErrorReports() {
        return new ProblemReports();
    }

    static class ProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(PathRejections::useProblemReports);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void useProblemReports(Context context) {
        if (!(context.getParent() instanceof Host host)) {
            return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ProblemReportValve());
        if (host instanceof StandardHost standard) {
            // so the host does not add a default ErrorReportValve of its own when it starts
            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
    }

    /**
     * Tomcat's error report for what never reached the application (or ended in an error with nothing written):
     * a problem instead of an HTML page. Answers the application wrote itself are left alone.
     */
    public static class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            String detail = status == HttpStatus.BAD_REQUEST
                    ? PATH_NOT_ALLOWED + ", or the request is malformed"
                    : status.getReasonPhrase();
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                response.getReporter().write(ProblemResponses.json(status, detail));
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client has gone or the response is already on its way: nothing more to say
            }
        }
    }
}
