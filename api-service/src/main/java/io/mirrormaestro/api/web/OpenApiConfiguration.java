package io.mirrormaestro.api.web;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** Schemas named as the API speaks: swagger-core reads models with its own mapper, which must know snake_case. */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(io.swagger.v3.core.util.Json.mapper()
                .copy()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI mirrorMaestroApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Mirror Maestro")
                        .description("Orchestrate GitLab mirrors across multiple instance pairs. Actions that touch "
                                + "GitLab answer 202 with a command id; follow it at /api/commands/{id}.")
                        .version("0.1.0")
                        .license(new License().name("MIT")))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
