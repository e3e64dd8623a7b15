package com.orderrouter.config;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up never depends on the order reflection lists a configuration's methods in (it differs between JVM runs).
 * Camel binds {@code @BindToRegistry} methods without parameters first, then the others by parameter count, and
 * methods with equal counts in reflection order. So an eager method's parameter that another method of the class
 * produces must come from a method with no parameters, fewer parameters, or a lazy one (created when first looked
 * up, so its own parameters' producers must be bound before the eager method too); otherwise start-up fails in some
 * JVM runs only ("@BindToProperty cannot bind parameter").
 */
class BindingOrderTest {

    @Test
    void everyEagerBeanParameterIsBoundBeforeItInAnyMethodOrder() {
        List<String> unordered = new ArrayList<>();
        for (Class<?> configuration : List.of(OrderRouterConfiguration.class, AwsClientsConfiguration.class)) {
            List<Method> beans = Arrays.stream(configuration.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(BindToRegistry.class)).toList();
            beans.stream().filter(bean -> !lazy(bean))
                    .forEach(bean -> checkProducers(bean, bean, beans, new ArrayList<>(), unordered));
        }
        assertThat(unordered).isEmpty();
    }

    /**
     * The producers of {@code needing}'s parameters must be bound before {@code eager}; a lazy producer is created at
     * {@code eager}'s binding, so its own parameters' producers must be bound before {@code eager} too.
     */
    private static void checkProducers(Method eager, Method needing, List<Method> beans, List<Method> seen,
            List<String> unordered) {
        for (Parameter parameter : needing.getParameters()) {
            if (parameter.isAnnotationPresent(BeanInject.class) || parameter.getType() == CamelContext.class) {
                continue;
            }
            for (Method producer : beans) {
                if (!parameter.getType().isAssignableFrom(producer.getReturnType()) || seen.contains(producer)) {
                    continue;
                }
                if (lazy(producer)) {
                    seen.add(producer);
                    checkProducers(eager, producer, beans, seen, unordered);
                } else if (producer.getParameterCount() > 0
                        && producer.getParameterCount() >= eager.getParameterCount()) {
                    unordered.add(eager.getName() + " needs " + producer.getName());
                }
            }
        }
    }

    private static boolean lazy(Method bean) {
        return bean.getAnnotation(BindToRegistry.class).lazy();
    }
}
