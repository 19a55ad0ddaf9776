package io.postern.device.http;

import io.postern.device.DeviceDriver;
import io.postern.device.DeviceSpec;
import io.postern.device.DriverFactory;
import io.postern.spa.config.ConfigException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Factory of {@link HttpDriver}, the built-in {@code http}. Stateless; the environment lookup (for
 * {@code token_env}) is {@link System#getenv(String)} unless a test injects another.
 */
public final class HttpDriverFactory implements DriverFactory {

    private final Function<String, String> env;

    public HttpDriverFactory() {
        this(System::getenv);
    }

    /** @param env environment lookup used to resolve {@code token_env} at each request */
    public HttpDriverFactory(Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public DeviceDriver create(DeviceSpec spec) throws ConfigException {
        return HttpDriver.fromSpec(spec, env);
    }
}
