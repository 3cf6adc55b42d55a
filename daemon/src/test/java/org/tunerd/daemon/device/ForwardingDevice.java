package org.tunerd.daemon.device;

import java.util.Objects;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/** A device that passes every call to another; tests override the calls they want to change. */
public abstract class ForwardingDevice implements Device {

    private final Device delegate;

    protected ForwardingDevice(Device delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public DeviceDescription describe() {
        return delegate.describe();
    }

    @Override
    public Configuration current() {
        return delegate.current();
    }

    @Override
    public void apply(Configuration configuration) {
        delegate.apply(configuration);
    }

    @Override
    public java.time.Duration settleTime(java.time.Duration requested) {
        return delegate.settleTime(requested);
    }

    @Override
    public Measurement measure(Workload workload) {
        return delegate.measure(workload);
    }

    @Override
    public void restore() {
        delegate.restore();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
