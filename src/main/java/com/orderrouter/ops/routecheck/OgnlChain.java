package com.orderrouter.ops.routecheck;

import java.util.Map;

import org.apache.camel.util.KeyValueHolder;
import org.apache.camel.util.OgnlHelper;

/**
 * Follows a simple OGNL chain ({@code .reasonClass}, {@code ?.items.size()}, {@code [0]}) from a known class, member
 * by member, the way Camel's bean language invokes it at run time ({@link OgnlHelper#splitOgnl}, one method or getter
 * per part), without invoking anything: the first member the class lacks is the problem Camel would throw on every
 * message.
 */
final class OgnlChain {

    /** Where the chain leads: the class it ends with (null when not known), or the member that is missing. */
    record End(Class<?> type, Class<?> lacking, String member) {
    }

    private OgnlChain() {
    }

    static End follow(BeanMethods methods, Class<?> root, String chain) {
        Class<?> type = root;
        if (chain.isEmpty()) {
            return new End(type, null, null);
        }
        for (String part : OgnlHelper.splitOgnl(chain)) {
            if (type == null || !checkable(type)) {
                return new End(null, null, null);
            }
            String member = OgnlHelper.removeLeadingOperators(part);
            KeyValueHolder<String, String> index = OgnlHelper.isOgnlIndex(member);
            if (index != null) {
                member = index.getKey();
            }
            if (member != null && !member.isEmpty()) {
                if (!methods.has(type, member)) {
                    return new End(null, type, member);
                }
                type = methods.returnType(type, member).orElse(null);
            }
            if (index != null) {
                type = null; // an element of a map, list or array: its class is not known here
            }
        }
        return new End(type, null, null);
    }

    /**
     * Classes whose members a route can count on: not Object (anything), not a Map (Camel reads its keys), not an
     * array, not a primitive or void.
     */
    private static boolean checkable(Class<?> type) {
        return type != Object.class && !Map.class.isAssignableFrom(type) && !type.isArray() && !type.isPrimitive();
    }
}
