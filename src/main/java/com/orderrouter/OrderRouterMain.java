package com.orderrouter;

import java.util.Map;

import com.orderrouter.config.Settings;
import org.apache.camel.main.Main;

/** Starts the service: validates the environment, then runs Camel Main with the YAML routes. */
public final class OrderRouterMain {

    /** Exit status when the environment is missing or invalid settings (distinct from a crash). */
    static final int EXIT_BAD_CONFIGURATION = 2;

    private OrderRouterMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties;
        try {
            properties = Settings.toProperties(System.getenv());
        } catch (Settings.InvalidSettingsException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        Main main = new Main(OrderRouterMain.class);
        properties.forEach(main::addOverrideProperty);
        main.run(args);
    }
}
