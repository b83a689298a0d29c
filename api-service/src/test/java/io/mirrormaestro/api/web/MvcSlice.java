package io.mirrormaestro.api.web;

import io.mirrormaestro.api.ApiApplication;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

/**
 * A Spring MVC slice of api-service: Spring MVC, Jackson, the message converters and Bean Validation as Boot
 * configures them from {@code api-service.yml} (snake_case names, unknown fields refused, problem details on), and
 * only the beans the test class names in a nested {@code @Configuration} (its controller, {@code ProblemDetails}) with
 * its feature service as a {@code @MockitoBean}. No Kafka, MongoDB, security or scheduling.
 *
 * <p>What {@code @WebMvcTest} would give; Boot 4 moved that to {@code spring-boot-webmvc-test}, which this build does
 * not have. Build the {@code MockMvc} with {@code MockMvcBuilders.webAppContextSetup(context)}; servlet filters are
 * not picked up from the context, add them to it when the test needs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "spring.config.name=" + ApiApplication.CONFIG_NAME)
@ImportAutoConfiguration({
    JacksonAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    ValidationAutoConfiguration.class,
    WebMvcAutoConfiguration.class
})
public @interface MvcSlice {}
