package org.tunerd.daemon.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel that behaves like one on a disk with {@code space} bytes left: a write that needs more writes
 * what fits (a short write, as the kernel does) and then fails with "No space left on device". Optionally
 * {@code force} fails too while {@code failForce} is set (an fsync error after the data reached the page cache).
 */
final class DiskFullChannel extends FileChannel {

    private final FileChannel delegate;
    private final AtomicLong space;
    private final java.util.concurrent.atomic.AtomicBoolean failForce;

    DiskFullChannel(FileChannel delegate, AtomicLong space, java.util.concurrent.atomic.AtomicBoolean failForce) {
        this.delegate = delegate;
        this.space = space;
        this.failForce = failForce;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long left = space.get();
        if (src.remaining() <= left) {
            int n = delegate.write(src);
            space.addAndGet(-n);
            return n;
        }
        if (left > 0) {
            ByteBuffer part = src.slice();
            part.limit((int) left);
            int n = delegate.write(part);
            src.position(src.position() + n);
            space.addAndGet(-n);
            return n; // a short write: the caller's loop tries the rest and hits the full disk
        }
        throw new IOException("No space left on device");
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (failForce.get()) {
            throw new IOException("Input/output error (fsync)");
        }
        delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        long before = delegate.size();
        delegate.truncate(size);
        space.addAndGet(Math.max(0, before - size));
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
