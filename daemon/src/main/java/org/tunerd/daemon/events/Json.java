package org.tunerd.daemon.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.tunerd.daemon.store.ModelJson;
import org.tunerd.daemon.store.StoreFormatException;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * The JSON mapper for event and command payloads. Optional values are the value or {@code null}; time,
 * durations and paths are strings; environments and configurations have the one form of {@link ModelJson}
 * (whole option values as integers); a number that is not finite (an energy without a power sensor, a
 * cross-validation error without enough samples) is {@code null} and reads back as NaN.
 */
public final class Json {

    /** Thread-safe once configured; never reconfigure it. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new SimpleModule("tunerd-strings")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Duration.class, ToStringSerializer.instance)
                    .addSerializer(Path.class, ToStringSerializer.instance))
            .registerModule(new SimpleModule("tunerd-model-values")
                    .addSerializer(Environment.class, new TreeSerializer<>(ModelJson::environment))
                    .addDeserializer(Environment.class, new TreeDeserializer<>(ModelJson::environment))
                    .addSerializer(Configuration.class, new TreeSerializer<>(ModelJson::configuration))
                    .addDeserializer(Configuration.class, new TreeDeserializer<>(ModelJson::configuration))
                    .addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(Double.TYPE, new FiniteOrNull())
                    .addDeserializer(Double.TYPE, new NullAsNaN()))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** Writes a value as the JSON tree {@code form} makes of it (the {@link ModelJson} forms). */
    private static final class TreeSerializer<T> extends JsonSerializer<T> {
        private final Function<T, ? extends JsonNode> form;

        TreeSerializer(Function<T, ? extends JsonNode> form) {
            this.form = form;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeTree(form.apply(value));
        }
    }

    /** Reads what {@link ModelJson} reads from a JSON tree; its format error becomes Jackson's input mismatch. */
    private static final class TreeDeserializer<T> extends JsonDeserializer<T> {
        /** Reads a value from the tree at a JSON pointer (for the error message). */
        interface Reader<T> {
            T read(JsonNode node, String path) throws StoreFormatException;
        }

        private final Reader<T> reader;

        TreeDeserializer(Reader<T> reader) {
            this.reader = reader;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            try {
                return reader.read(node, p.getParsingContext().pathAsPointer().toString());
            } catch (StoreFormatException e) {
                return ctxt.reportInputMismatch(this, "%s", e.getMessage());
            }
        }
    }

    /** Writes a non-finite double as {@code null} (JSON has no NaN). */
    private static final class FiniteOrNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    /** Reads {@code null} (or a missing value) as NaN for a primitive double. */
    private static final class NullAsNaN extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return Double.NaN;
            }
            if (!p.currentToken().isNumeric()) {
                return (Double) ctxt.handleUnexpectedToken(Double.TYPE, p);
            }
            return p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
