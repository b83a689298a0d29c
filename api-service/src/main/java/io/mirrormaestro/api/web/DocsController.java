package io.mirrormaestro.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** ReDoc at {@code /redoc}, as the original tool had, over the same OpenAPI description as Swagger UI at {@code /docs}. */
@RestController
@Hidden
class DocsController {

    private static final String PAGE =
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Mirror Maestro API - ReDoc</title>
              <meta name="viewport" content="width=device-width, initial-scale=1">
            </head>
            <body>
              <redoc spec-url="/openapi.json"></redoc>
              <script src="/webjars/redoc/2.1.5/redoc.standalone.js"></script>
            </body>
            </html>
            """;

    @GetMapping(value = "/redoc", produces = MediaType.TEXT_HTML_VALUE)
    String redoc() {
        return PAGE;
    }
}
