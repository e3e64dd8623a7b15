package com.orderrouter.config;

import java.nio.file.Path;

/**
 * The routes' tunables (polling, retries, alert subject, ...) in {@code ROUTES_DIR/orders.properties}: beside the
 * routes, so an engineer changes them without rebuilding the jar. Camel's own settings stay in the jar's
 * {@code application.properties}.
 */
public final class RouteTunables {

    public static final String FILE_NAME = "orders.properties";

    private RouteTunables() {
    }

    /**
     * Camel Main's property placeholder locations: the jar's settings and the routes' tunables (their names do not
     * overlap). The environment's properties are given to Camel Main as override properties, so they win over both.
     */
    public static String placeholderLocations(Path routesDir) {
        return "classpath:application.properties,file:" + routesDir.resolve(FILE_NAME);
    }
}
