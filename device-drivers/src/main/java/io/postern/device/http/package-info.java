/**
 * The {@code http} driver: REST calls to appliances and cloud APIs, one request per rendered template line
 * (an HTTPie-like syntax, see {@link io.postern.device.http.HttpRequestSpec}) whose JSON body is built with
 * every value escaped. Tokens come from the environment or a file at each use and are never logged; TLS is
 * always verified; statuses, response checks, time-outs and connection failures decide success.
 */
package io.postern.device.http;
