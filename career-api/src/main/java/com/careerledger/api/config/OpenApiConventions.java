package com.careerledger.api.config;

import com.careerledger.api.web.MaxUtf8Bytes;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.lang.Nullable;

import java.lang.annotation.Annotation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * How the document states presence and absence, one rule for every schema (docs/decisions/0012):
 * <ul>
 *     <li>An answer's field is always there: every property of a schema an answer uses is {@code required}. A value
 *     that can be absent is sent as {@code null} and its Java property says so with Spring's {@link Nullable}: the
 *     document marks it {@code nullable}. A value without {@code @Nullable} is never null, and the tests' response
 *     validation holds the server to that.</li>
 *     <li>A request's field is required when the server requires it (Bean Validation's {@code @NotNull},
 *     {@code @NotBlank}, {@code @NotEmpty}); every other one may be left out or sent as {@code null}, which means
 *     the same: it is {@code nullable}.</li>
 *     <li>{@code @NotBlank} text has at least one character that is not white space: {@code minLength: 1} and the
 *     pattern {@code \S}. A limit in bytes ({@code @MaxUtf8Bytes}) is also a {@code maxLength}: a character takes
 *     at least one byte.</li>
 * </ul>
 */
final class OpenApiConventions {

    private static final String SCHEMAS = "#/components/schemas/";
    /** Some character that is not white space: what {@code @NotBlank} asks of a text. */
    private static final String NOT_BLANK = "\\S";
    private static final String MAX_UTF8_BYTES = "x-max-utf8-bytes";

    /**
     * Nullable properties of the domain's records that answers show as they are: the domain knows no Spring, so
     * they cannot say it themselves.
     */
    private static final Map<String, Set<String>> DOMAIN_NULLABLE = Map.of(
            // QuarterOutcome.mappedFrom: the level as assessed on the other track, when the outcome is a mapping
            "QuarterOutcome", Set.of("mappedFrom"));

    /** "property $ref" of each {@code @Nullable} property that refers to a model. */
    private final Set<String> nullableReferences = ConcurrentHashMap.newKeySet();

    /** Marks {@code @Nullable} properties nullable and states what {@code @NotBlank} means, as models are read. */
    PropertyCustomizer nullableAndNotBlank() {
        return (property, type) -> {
            Schema<?> result = property;
            if (annotated(type, "NotBlank")) {
                if (result.getMinLength() == null || result.getMinLength() < 1) {
                    result.setMinLength(1);
                }
                if (result.getPattern() == null) {
                    result.setPattern(NOT_BLANK);
                }
            }
            MaxUtf8Bytes bytes = annotation(type, MaxUtf8Bytes.class);
            if (bytes != null) {
                // a character takes at least one byte: the limit in bytes bounds the length in characters too
                result.addExtension(MAX_UTF8_BYTES, bytes.value());
                result.setDescription("at most " + bytes.value() + " bytes in UTF-8 (a character outside ASCII "
                        + "takes 2 to 4)");
            }
            if (annotated(type, Nullable.class.getSimpleName())) {
                if (result.get$ref() != null) {
                    // swagger-core marks the referenced model itself nullable, and a reference keeps no siblings:
                    // which property may hold a null reference is noted here, and written when the document is done
                    nullableReferences.add(type.getPropertyName() + " " + result.get$ref());
                } else {
                    result.setNullable(true);
                }
            }
            return result;
        };
    }

    /** Applies the rule of presence to the built document: answers' fields required, requests' optional ones nullable. */
    void applyPresence(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
        if (schemas == null || openApi.getPaths() == null) {
            return;
        }
        for (Schema<?> schema : schemas.values()) {
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(OpenApiConventions::lengthInCharacters);
            }
        }
        // a model is never null itself; a reference to it may be
        schemas.values().stream().filter(OpenApiConventions::isModel).forEach(schema -> schema.setNullable(null));
        for (Schema<?> schema : schemas.values()) {
            if (schema.getProperties() != null) {
                schema.getProperties().replaceAll((name, property) ->
                        nullableReferences.contains(name + " " + property.get$ref()) ? nullable(property, schemas) : property);
            }
        }
        List<Schema<?>> requestRoots = new ArrayList<>();
        List<Schema<?>> answerRoots = new ArrayList<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                contents(operation.getRequestBody().getContent()).forEach(requestRoots::add);
            }
            if (operation.getResponses() != null) {
                operation.getResponses().values().stream().map(ApiResponse::getContent)
                        .flatMap(OpenApiConventions::contents).forEach(answerRoots::add);
            }
        }));
        Set<String> requests = reachable(requestRoots, schemas);
        Set<String> answers = reachable(answerRoots, schemas);
        answers.forEach(name -> {
            Schema<?> schema = schemas.get(name);
            if (requests.contains(name) && schema.getProperties() != null) {
                throw new IllegalStateException("schema " + name + " is both a request and an answer: give each its "
                        + "own type, so that each can say what it requires");
            }
            // a schema that states its own required fields (the problem schemas: `errors` only for validation) keeps them
            if (schema.getProperties() != null && !schema.getProperties().isEmpty() && schema.getRequired() == null) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
                DOMAIN_NULLABLE.getOrDefault(name, Set.of())
                        .forEach(property -> schema.getProperties().computeIfPresent(property, (k, v) -> nullable(v, schemas)));
            }
        });
        requests.forEach(name -> {
            Schema<?> schema = schemas.get(name);
            if (schema.getProperties() == null) {
                return;
            }
            // @Size's minimum (0 unless given) is written after the property customizer: @NotBlank's \S needs one
            schema.getProperties().values().stream().filter(p -> NOT_BLANK.equals(p.getPattern()))
                    .filter(p -> p.getMinLength() == null || p.getMinLength() < 1).forEach(p -> p.setMinLength(1));
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().replaceAll((property, value) ->
                    required.contains(property) ? value : nullable(value, schemas));
        });
    }

    /**
     * A text's length as characters: Bean Validation's {@code @Size} without a maximum says {@code maxLength}
     * 2147483647, which is no limit; a limit in bytes (noted by the property customizer, since {@code @Size} is read
     * after it) is one in characters too, as a character takes at least one byte.
     */
    private static void lengthInCharacters(Schema<?> property) {
        if (property.getMaxLength() != null && property.getMaxLength() == Integer.MAX_VALUE) {
            property.setMaxLength(null);
        }
        Object bytes = property.getExtensions() == null ? null : property.getExtensions().remove(MAX_UTF8_BYTES);
        if (bytes instanceof Integer limit && (property.getMaxLength() == null || property.getMaxLength() > limit)) {
            property.setMaxLength(limit);
        }
        if (property.getExtensions() != null && property.getExtensions().isEmpty()) {
            property.setExtensions(null);
        }
    }

    /**
     * The same schema, able to be null. In OpenAPI 3.0 {@code nullable} beside a {@code $ref} is ignored, so a
     * reference is wrapped: {@code {type: object, nullable: true, allOf: [{$ref}]}}.
     */
    private static Schema<?> nullable(Schema<?> schema, Map<String, Schema> schemas) {
        if (schema.get$ref() == null) {
            return schema.nullable(true);
        }
        // the wrapper has the type of what it refers to: an enum's is a string
        Schema<?> target = schemas.get(schema.get$ref().substring(SCHEMAS.length()));
        String type = target == null || target.getType() == null ? "object" : target.getType();
        Schema<?> wrapper = new Schema<>().type(type).nullable(true).addAllOfItem(new Schema<>().$ref(schema.get$ref()));
        wrapper.setDescription(schema.getDescription());
        return wrapper;
    }

    private static Stream<Schema<?>> contents(Content content) {
        if (content == null) {
            return Stream.empty();
        }
        return content.values().stream().<Schema<?>>map(media -> media.getSchema()).filter(Objects::nonNull);
    }

    /** The names of the component schemas the roots use, directly or through other schemas. */
    private static Set<String> reachable(List<Schema<?>> roots, Map<String, Schema> schemas) {
        Set<String> names = new HashSet<>();
        Deque<Schema<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Schema<?> schema = todo.pop();
            if (schema.get$ref() != null) {
                String name = schema.get$ref().substring(SCHEMAS.length());
                if (names.add(name) && schemas.get(name) != null) {
                    todo.push(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(todo::push);
            }
            if (schema instanceof ArraySchema array && array.getItems() != null) {
                todo.push(array.getItems());
            } else if (schema.getItems() != null) {
                todo.push(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                todo.push(values);
            }
            Stream.of(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()).filter(Objects::nonNull)
                    .flatMap(List::stream).forEach(s -> todo.push((Schema<?>) s));
        }
        return names;
    }

    /** A model (an object with properties of its own), which is shared: only the reference to it may be null. */
    private static boolean isModel(Schema<?> schema) {
        return schema.getName() != null || (schema.getProperties() != null && !schema.getProperties().isEmpty());
    }


    private static <A extends Annotation> A annotation(AnnotatedType type, Class<A> kind) {
        Annotation[] annotations = type == null ? null : type.getCtxAnnotations();
        return annotations == null ? null : Stream.of(annotations).filter(kind::isInstance).map(kind::cast)
                .findFirst().orElse(null);
    }

    private static boolean annotated(AnnotatedType type, String simpleName) {
        Annotation[] annotations = type == null ? null : type.getCtxAnnotations();
        return annotations != null && Stream.of(annotations)
                .anyMatch(a -> a.annotationType().getSimpleName().equals(simpleName));
    }
}
