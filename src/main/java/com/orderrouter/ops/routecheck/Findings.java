package com.orderrouter.ops.routecheck;

import org.apache.camel.NamedNode;

/** Where the checks of the loaded routes put what they find, one message each: about a step, or a place in a file. */
interface Findings {

    /** Findings nobody reads: the passes that only learn what the routes hand each other. */
    Findings NONE = new Findings() {
        @Override
        public void at(NamedNode step, String message) {
        }

        @Override
        public void in(SourceLines.Located place, String message) {
        }
    };

    void at(NamedNode step, String message);

    void in(SourceLines.Located place, String message);
}
