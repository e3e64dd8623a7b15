package com.orderrouter.routetest;

import java.nio.file.Path;

/** A route test file that cannot be read as one: its file and what is wrong, in one line. */
public class MalformedRouteTestException extends IllegalArgumentException {

    public MalformedRouteTestException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
