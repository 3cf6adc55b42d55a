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
                    .addSerializer(Environment.class, new EnvironmentSerializer())
                    .addDeserializer(Environment.class, new EnvironmentDeserializer())
                    .addSerializer(Configuration.class, new ConfigurationSerializer())
                    .addDeserializer(Configuration.class, new ConfigurationDeserializer())
                    .addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(Double.TYPE, new FiniteOrNull())
                    .addDeserializer(Double.TYPE, new NullAsNaN()))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    private static final class EnvironmentSerializer extends JsonSerializer<Environment> {
        @Override
        public void serialize(Environment value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeTree(ModelJson.environment(value));
        }
    }

    private static final class EnvironmentDeserializer extends JsonDeserializer<Environment> {
        @Override
        public Environment deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            try {
                return ModelJson.environment(node, p.getParsingContext().pathAsPointer().toString());
            } catch (StoreFormatException e) {
                return ctxt.reportInputMismatch(this, "%s", e.getMessage());
            }
        }
    }

    private static final class ConfigurationSerializer extends JsonSerializer<Configuration> {
        @Override
        public void serialize(Configuration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeTree(ModelJson.configuration(value));
        }
    }

    private static final class ConfigurationDeserializer extends JsonDeserializer<Configuration> {
        @Override
        public Configuration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            try {
                return ModelJson.configuration(node, p.getParsingContext().pathAsPointer().toString());
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
