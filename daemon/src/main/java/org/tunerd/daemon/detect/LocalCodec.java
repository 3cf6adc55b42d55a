package org.tunerd.daemon.detect;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable objects between verticles of one process on the event bus without copying. It
 * refuses to encode for the wire: these messages never leave the process.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;

    public LocalCodec(Class<T> type) {
        this.type = type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T t) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is local to this process");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        throw new UnsupportedOperationException(type.getSimpleName() + " is local to this process");
    }

    @Override
    public T transform(T t) {
        return t;
    }

    @Override
    public String name() {
        return "local-" + type.getName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
