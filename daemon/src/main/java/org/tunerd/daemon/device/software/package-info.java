/**
 * Software options in the configuration space: the options a workload declares ({@code workload.options}:
 * batch size, precision, threads, framework knobs), how each value reaches the inference command
 * ({@link org.tunerd.daemon.device.software.Delivery}: an argument or an environment variable), and the
 * device decorator ({@link org.tunerd.daemon.device.software.SoftwareOptionsDevice}) whose space is the
 * board's hardware space times the declared options, so that a session tunes both jointly on any backend.
 */
package org.tunerd.daemon.device.software;
