package com.orderrouter.ops.routecheck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.component.bean.BeanInfo;
import org.apache.camel.component.bean.MethodInfo;
import org.apache.camel.util.StringHelper;

/**
 * Which methods a bean or any object has, as Camel's bean binding sees them ({@link BeanInfo}: public methods, and a
 * getter by its short name, {@code s3Key} for {@code getS3Key()} or a record's {@code s3Key()}), and what they
 * return. A route that calls a method its bean lacks fails on every message that reaches it.
 */
final class BeanMethods {

    private final CamelContext context;
    private final Map<Class<?>, BeanInfo> infos = new HashMap<>();

    BeanMethods(CamelContext context) {
        this.context = context;
    }

    /** The class of the registry's bean, empty when there is none of that name. */
    Optional<Class<?>> beanClass(String ref) {
        return Optional.ofNullable(context.getRegistry().lookupByName(ref)).map(Object::getClass);
    }

    /** The class of a {@code beanType}, empty when it is not on the classpath. */
    Optional<Class<?>> type(String className) {
        return Optional.ofNullable(context.getClassResolver().resolveClass(className));
    }

    /** @param method a name, possibly with Camel's parameters: {@code alertedAt(${exchangeProperty.deadLetter})} */
    boolean has(Class<?> type, String method) {
        String name = name(method);
        // Camel's bean binding answers these two itself (BeanInfo.createInvocation)
        return name.equals("class") || name.equals("getClass") || type.isArray() && name.equals("length")
                || info(type).hasMethod(name);
    }

    /**
     * The class a method returns: {@code void.class} for none, empty when it is not one class (overloads that
     * differ, a type variable).
     */
    Optional<Class<?>> returnType(Class<?> type, String method) {
        String name = name(method);
        List<Class<?>> returned = info(type).getMethods().stream().map(MethodInfo::getMethod)
                .filter(m -> m.getName().equals(name) || BeanInfo.getGetterShorthandName(m).equals(name))
                .<Class<?>> map(m -> m.getReturnType()).distinct().toList();
        return returned.size() == 1 && !Objects.equals(returned.get(0), Object.class) ? Optional.of(returned.get(0))
                : Optional.empty();
    }

    /** The parameters written after the method's name, without the parentheses; empty when there are none. */
    static String parameters(String method) {
        String inside = method.contains("(") ? StringHelper.betweenOuterPair(method, '(', ')') : null;
        return inside == null ? "" : inside;
    }

    private static String name(String method) {
        return method.contains("(") ? StringHelper.before(method, "(").trim() : method.trim();
    }

    private BeanInfo info(Class<?> type) {
        return infos.computeIfAbsent(type, t -> new BeanInfo(context, t));
    }
}
