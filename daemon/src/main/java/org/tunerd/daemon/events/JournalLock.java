package org.tunerd.daemon.events;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock on {@value EventJournal#LOCK_FILE} that keeps a second tunerd (or a second journal in this process)
 * off a journal directory while one has it open. Released on close.
 */
final class JournalLock implements AutoCloseable {

    private final FileChannel channel;

    private JournalLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Takes the lock of {@code directory}.
     *
     * @throws IllegalStateException if another journal holds it
     */
    static JournalLock acquire(Path directory) throws IOException {
        Path file = directory.resolve(EventJournal.LOCK_FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = channel.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            locked = false;
        }
        if (!locked) {
            channel.close();
            throw new IllegalStateException("event journal " + directory.resolve(EventJournal.FILE)
                    + " is in use by another tunerd (lock " + file + ")");
        }
        return new JournalLock(channel);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
