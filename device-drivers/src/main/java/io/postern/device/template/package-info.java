/**
 * Rendering of device command sequences from Freemarker templates. Only the typed values of
 * {@link io.postern.device.template.GrantValues} reach a template; every interpolation is marked by a
 * private output format so that {@link io.postern.device.template.ArgvTokenizer} keeps it inside exactly one
 * argument, whatever it contains. A missing value is an error, never an empty string.
 */
package io.postern.device.template;
