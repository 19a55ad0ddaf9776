/**
 * Readers for fwknop's configuration files as fwknop 2.6.10 reads them: {@code access.conf}
 * (fwknopd's stanzas, with {@code %include}, {@code %include_folder} and {@code %include_keys}),
 * {@code fwknopd.conf}, and the client's {@code ~/.fwknoprc}. Each returns immutable values; errors
 * are {@link io.postern.spa.config.ConfigException}s naming file, line, key and what was expected.
 */
package io.postern.spa.config;
