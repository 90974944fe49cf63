package io.jwtbridge.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON as ZITADEL's gateway reads it: a string field does not take a number or a boolean, a
 * boolean does not take a string or a number. Unknown fields are ignored (Boot's default).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** A {@link ProblemDetail}'s properties as members of the body (as Spring MVC writes it). */
    @Bean
    JsonMapperBuilderCustomizer problemDetailProperties() {
        return builder -> builder.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    }

    @Bean
    JsonMapperBuilderCustomizer strictScalarCoercion() {
        return builder -> builder.withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Enum,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }
}
