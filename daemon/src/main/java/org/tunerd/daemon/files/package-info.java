/** Reading small, untrusted files safely (type and size checked before reading). */
package org.tunerd.daemon.files;
