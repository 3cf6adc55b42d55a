/** Small concurrency helpers shared by the daemon's background threads. */
package org.tunerd.daemon.concurrent;
