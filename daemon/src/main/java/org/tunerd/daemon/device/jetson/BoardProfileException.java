package org.tunerd.daemon.device.jetson;

import org.tunerd.daemon.device.DeviceException;

/** A board profile that cannot be read or used; the message names the file and the field. */
public class BoardProfileException extends DeviceException {

    public BoardProfileException(String message) {
        super(message);
    }

    public BoardProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
