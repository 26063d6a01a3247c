package com.careerledger.api.concurrency;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.stereotype.Component;

/**
 * A command's result as the idempotency record keeps it, for a request run again after a crash: what its command
 * returned (a new aggregate's id, a decision's event), serialized by Axon's serializer with its type.
 */
@Component
public class CommandResults {

    /** A serialized result; {@code type} null for a command that returned nothing. */
    public record Recorded(String type, String revision, String data) {
    }

    private final Serializer serializer;

    public CommandResults(Serializer serializer) {
        this.serializer = serializer;
    }

    public Recorded record(Object result) {
        if (result == null) {
            return new Recorded(null, null, null);
        }
        SerializedObject<String> serialized = serializer.serialize(result, String.class);
        return new Recorded(serialized.getType().getName(), serialized.getType().getRevision(), serialized.getData());
    }

    @SuppressWarnings("unchecked")
    public <R> R replay(Recorded recorded) {
        if (recorded.type() == null) {
            return null;
        }
        return (R) serializer.deserialize(
                new SimpleSerializedObject<>(recorded.data(), String.class, recorded.type(), recorded.revision()));
    }
}
