/**
 * File-system helpers shared by every package that keeps state on disk or reads outside files:
 * {@link org.tunerd.daemon.files.AtomicFiles} replaces a whole file so that a crash leaves the old content
 * or the new one, never a mix (model store, session checkpoint, remembered environment, event journal
 * offset, device snapshots); {@link org.tunerd.daemon.files.SmallFiles} reads small, untrusted files safely
 * (type and size checked before reading). Depends on nothing else in the daemon.
 */
package org.tunerd.daemon.files;
