package com.orderrouter.routetest;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * An AWS SDK client interface answered in memory, with no network: a {@link Calls} answers each request; the Object
 * methods, {@code close}, {@code serviceName} and the request-builder overloads (which build the request and call the
 * request overload, as the SDK's default methods do) are answered here.
 */
final class OfflineClient {

    /** Answers one call of the client: its method's name and its request. */
    @FunctionalInterface
    interface Calls {
        Object answer(String method, Object request) throws Exception;
    }

    private OfflineClient() {
    }

    static <T> T of(Class<T> client, String serviceName, Calls calls) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "offline " + serviceName + " client";
                };
            }
            if (args != null && args.length == 1 && args[0] instanceof Consumer<?>) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            return switch (method.getName()) {
                case "close" -> null;
                case "serviceName" -> serviceName;
                default -> calls.answer(method.getName(), args == null || args.length == 0 ? null : args[0]);
            };
        };
        return client.cast(Proxy.newProxyInstance(client.getClassLoader(), new Class<?>[] { client }, handler));
    }
}
