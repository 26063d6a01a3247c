package com.careerledger.api.config;

import com.careerledger.api.web.MaxUtf8Bytes;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.lang.Nullable;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
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

    /**
     * The Java class of each model schema, by schema name, as the models are read: which of its properties may be
     * null is read from the class itself once the document is complete (a property customizer is not called again
     * for a property swagger-core has resolved before elsewhere, so it cannot tell). One for the JVM: swagger-core's
     * converters are one static chain, and springdoc replaces a converter of the same class when another
     * application context starts (tests run several), so the last one registered sees every read; a schema's class
     * is the same in every context.
     */
    private static final Map<String, Class<?>> MODEL_CLASSES = new ConcurrentHashMap<>();

    private OpenApiConventions() {
    }

    /** Notes the class of each model schema as swagger-core reads it. */
    static ModelConverter modelClasses() {
        return (type, context, chain) -> {
            Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
            // a model comes back as a reference to its schema
            if (schema != null && schema.get$ref() != null && schema.get$ref().startsWith(SCHEMAS) && type.getType() != null) {
                MODEL_CLASSES.putIfAbsent(schema.get$ref().substring(SCHEMAS.length()),
                        TypeFactory.defaultInstance().constructType(type.getType()).getRawClass());
            }
            return schema;
        };
    }

    /** States what {@code @NotBlank} and {@code @MaxUtf8Bytes} mean, as models are read. */
    static PropertyCustomizer notBlankAndBytes() {
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
            return result;
        };
    }

    /**
     * Applies the rule of presence to the built document: answers' fields required, requests' optional ones
     * nullable, and every reference that may be null made so (see {@link #nullable}).
     */
    static void applyPresence(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
        if (schemas == null || openApi.getPaths() == null) {
            return;
        }
        for (Schema<?> schema : schemas.values()) {
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(OpenApiConventions::lengthInCharacters);
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
            }
        });
        requests.forEach(name -> {
            Schema<?> schema = schemas.get(name);
            if (schema.getProperties() != null) {
                // @Size's minimum (0 unless given) is written after the property customizer: @NotBlank's \S needs one
                schema.getProperties().values().stream().filter(p -> NOT_BLANK.equals(p.getPattern()))
                        .filter(p -> p.getMinLength() == null || p.getMinLength() < 1).forEach(p -> p.setMinLength(1));
            }
        });

        // swagger-core marks a model nullable itself when one property referring to it is: start from none
        schemas.values().stream().filter(OpenApiConventions::isModel).forEach(schema -> schema.setNullable(null));
        Set<String> nullableModels = new HashSet<>();
        Set<Schema<?>> nullableSlots = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            String name = entry.getKey();
            Schema<?> schema = entry.getValue();
            if (schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            schema.getProperties().replaceAll((property, value) -> {
                boolean mayBeNull = nullableInJava(name, property)
                        || DOMAIN_NULLABLE.getOrDefault(name, Set.of()).contains(property)
                        || (requests.contains(name) && !required.contains(property));
                if (!mayBeNull) {
                    return value;
                }
                Schema<?> result = nullable(value, schemas, nullableModels);
                nullableSlots.add(result);
                return result;
            });
        }
        nullableModels.forEach(name -> {
            List<String> notNullable = referencesTo(name, openApi, nullableSlots);
            if (!notNullable.isEmpty()) {
                throw new IllegalStateException("schema " + name + " may be null in some properties but not at "
                        + notNullable + ": OpenAPI 3.0 cannot say both of one model; give the nullable use its own "
                        + "type");
            }
            schemas.get(name).setNullable(true);
        });
    }

    /** Drops the schemas nothing refers to (the logger write's level, say, once its body is described as it is). */
    static void dropUnused(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
        if (schemas == null || openApi.getPaths() == null) {
            return;
        }
        List<Schema<?>> roots = new ArrayList<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null) {
                contents(operation.getRequestBody().getContent()).forEach(roots::add);
            }
            if (operation.getParameters() != null) {
                operation.getParameters().stream().<Schema<?>>map(p -> p.getSchema()).filter(Objects::nonNull)
                        .forEach(roots::add);
            }
            if (operation.getResponses() != null) {
                operation.getResponses().values().forEach(response -> {
                    contents(response.getContent()).forEach(roots::add);
                    if (response.getHeaders() != null) {
                        response.getHeaders().values().stream().<Schema<?>>map(h -> h.getSchema())
                                .filter(Objects::nonNull).forEach(roots::add);
                    }
                });
            }
        }));
        Set<String> used = reachable(roots, schemas);
        schemas.keySet().removeIf(name -> !used.contains(name));
    }

    /**
     * Descriptions as one line of Markdown: Javadoc arrives with its line breaks, the indentation of its source (a
     * record's {@code @param} text, say) and {@code <code>} for its code.
     */
    static void tidyDescriptions(OpenAPI openApi) {
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                operation.setDescription(tidy(operation.getDescription()));
                operation.setSummary(tidy(operation.getSummary()));
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> p.setDescription(tidy(p.getDescription())));
                }
            }));
        }
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
                schema.setDescription(tidy(schema.getDescription()));
                if (schema.getProperties() != null) {
                    schema.getProperties().values().forEach(p -> p.setDescription(tidy(p.getDescription())));
                }
            }
        }
    }

    private static String tidy(String text) {
        // {@code x} arrives as HTML; the document's descriptions are Markdown
        return text == null ? null : text.strip().replaceAll("\\s+", " ").replaceAll("</?code>", "`");
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
     * The same schema, able to be null. OpenAPI 3.0 ignores anything beside a {@code $ref}, and a wrapper
     * ({@code nullable} with {@code allOf: [$ref]}) still requires the value to match the model, which null does not
     * (OpenAPI 3.0.3's reading, and the response validator's). So: an enum is copied in place, nullable; a model is
     * made nullable itself, which is exact only when every reference to it may be null (checked by the caller).
     */
    private static Schema<?> nullable(Schema<?> schema, Map<String, Schema> schemas, Set<String> nullableModels) {
        if (schema.get$ref() == null) {
            return schema.nullable(true);
        }
        String name = schema.get$ref().substring(SCHEMAS.length());
        Schema<?> target = schemas.get(name);
        if (target != null && target.getEnum() != null) {
            Schema<Object> copy = new Schema<>().type(target.getType()).nullable(true);
            target.getEnum().forEach(copy::addEnumItemObject);
            copy.setDescription(schema.getDescription() != null ? schema.getDescription() : target.getDescription());
            return copy;
        }
        nullableModels.add(name);
        return schema;
    }

    /** Where the document refers to the model other than through the given (nullable) slots. */
    private static List<String> referencesTo(String name, OpenAPI openApi, Set<Schema<?>> nullableSlots) {
        String ref = SCHEMAS + name;
        List<String> found = new ArrayList<>();
        openApi.getComponents().getSchemas().forEach((owner, schema) ->
                collectReferences(owner, schema, ref, nullableSlots, found));
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Stream.concat(operation.getRequestBody() == null ? Stream.empty() : contents(operation.getRequestBody().getContent()),
                    operation.getResponses() == null ? Stream.empty() : operation.getResponses().values().stream()
                            .map(ApiResponse::getContent).flatMap(OpenApiConventions::contents))
                    .forEach(root -> collectReferences(method + " " + path, root, ref, nullableSlots, found));
        }));
        return found;
    }

    private static void collectReferences(String where, Schema<?> schema, String ref, Set<Schema<?>> nullableSlots,
                                          List<String> found) {
        if (schema == null || nullableSlots.contains(schema)) {
            return;
        }
        if (ref.equals(schema.get$ref())) {
            found.add(where);
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((property, value) ->
                    collectReferences(where + "." + property, value, ref, nullableSlots, found));
        }
        collectReferences(where + "[]", schema.getItems(), ref, nullableSlots, found);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            collectReferences(where + "{}", values, ref, nullableSlots, found);
        }
        Stream.of(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()).filter(Objects::nonNull)
                .flatMap(List::stream).forEach(s -> collectReferences(where, (Schema<?>) s, ref, nullableSlots, found));
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


    /** Whether the Java property behind a schema's property is {@code @Nullable} (on the record component or field). */
    private static boolean nullableInJava(String schema, String property) {
        Class<?> model = MODEL_CLASSES.get(schema);
        if (model == null) {
            return false;
        }
        if (model.isRecord()) {
            return Stream.of(model.getRecordComponents()).filter(c -> jsonName(c.getName(), c.getAccessor()).equals(property))
                    .anyMatch(c -> c.getAccessor().isAnnotationPresent(Nullable.class)
                            || c.isAnnotationPresent(Nullable.class));
        }
        for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (jsonName(field.getName(), field).equals(property)) {
                    return field.isAnnotationPresent(Nullable.class);
                }
            }
        }
        return false;
    }

    private static String jsonName(String javaName, AnnotatedElement element) {
        JsonProperty renamed = element.getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : javaName;
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
