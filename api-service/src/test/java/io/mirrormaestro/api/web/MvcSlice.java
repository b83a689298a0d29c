package io.mirrormaestro.api.web;

import io.mirrormaestro.api.ApiApplication;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;

/**
 * A {@code @WebMvcTest} slice of api-service: Spring MVC, Jackson, the message converters and Bean Validation as Boot
 * configures them from {@code api-service.yml} (snake_case names, unknown fields refused, problem details on), and
 * only the beans the test class names in a nested {@code @Configuration} (its controller, {@code ProblemDetails}) with
 * its feature service as a {@code @MockitoBean}, and an auto-configured {@code MockMvc} without servlet filters (the
 * security chain is not what slices test). No Kafka, MongoDB or scheduling. A test about a filter builds its own
 * {@code MockMvc} with {@code MockMvcBuilders.webAppContextSetup(context).addFilters(...)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(properties = "spring.config.name=" + ApiApplication.CONFIG_NAME)
@AutoConfigureMockMvc(addFilters = false)
public @interface MvcSlice {}
