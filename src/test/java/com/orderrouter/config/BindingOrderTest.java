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
 * up); otherwise start-up fails in some JVM runs only ("@BindToProperty cannot bind parameter").
 */
class BindingOrderTest {

    @Test
    void everyEagerBeanParameterIsBoundBeforeItInAnyMethodOrder() {
        List<String> unordered = new ArrayList<>();
        for (Class<?> configuration : List.of(OrderRouterConfiguration.class, AwsClientsConfiguration.class)) {
            List<Method> beans = Arrays.stream(configuration.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(BindToRegistry.class)).toList();
            for (Method bean : beans) {
                if (bean.getAnnotation(BindToRegistry.class).lazy()) {
                    continue;
                }
                for (Parameter parameter : bean.getParameters()) {
                    if (parameter.isAnnotationPresent(BeanInject.class) || parameter.getType() == CamelContext.class) {
                        continue;
                    }
                    beans.stream().filter(producer -> parameter.getType().isAssignableFrom(producer.getReturnType()))
                            .filter(producer -> !producer.getAnnotation(BindToRegistry.class).lazy()
                                    && producer.getParameterCount() > 0
                                    && producer.getParameterCount() >= bean.getParameterCount())
                            .forEach(producer -> unordered.add(bean.getName() + " needs " + producer.getName()));
                }
            }
        }
        assertThat(unordered).isEmpty();
    }
}
