package org.tunerd.daemon.device;

/** A device operation that failed; the message names the file, value or command involved. */
public class DeviceException extends RuntimeException {

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
