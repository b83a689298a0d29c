package io.mirrormaestro.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shape issue #13 gave api-service, kept: feature packages without cycles, controllers that only bind HTTP to a
 * feature service, and the Kafka broker touched only at the edge.
 */
@AnalyzeClasses(
        packages = "io.mirrormaestro.api",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    /**
     * The classes that may touch Kafka's client and Spring for Apache Kafka: the one publisher of commands, the two
     * listeners of the events topic, the broker's health probe, and the producer and listener settings.
     */
    static final Set<String> KAFKA_EDGE = Set.of(
            "io.mirrormaestro.api.command.CommandGateway",
            "io.mirrormaestro.api.events.EventListener",
            "io.mirrormaestro.api.events.EventJournal",
            "io.mirrormaestro.api.health.ComponentProbes",
            "io.mirrormaestro.api.ApiConfiguration");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("io.mirrormaestro.api.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersLeaveMongoDbToFeatureServices = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(Controller.class)
            .or()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(MongoOperations.class)
            .because("a controller binds HTTP to a feature service, which queries MongoDB");

    @ArchTest
    static final ArchRule onlyTheEdgeTouchesKafka = noClasses()
            .that(DescribedPredicate.not(inKafkaEdge()))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "org.springframework.boot.kafka..")
            .because("business code publishes through CommandGateway and never touches the broker");

    /** An edge class, or one nested in it (its lambdas and inner classes). */
    private static DescribedPredicate<JavaClass> inKafkaEdge() {
        return DescribedPredicate.describe(
                "in the Kafka edge " + KAFKA_EDGE,
                type -> KAFKA_EDGE.contains(type.getName())
                        || KAFKA_EDGE.stream().anyMatch(edge -> type.getName().startsWith(edge + "$")));
    }
}
