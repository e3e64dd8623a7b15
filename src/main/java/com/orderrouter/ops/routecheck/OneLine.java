package com.orderrouter.ops.routecheck;

/** An exception as one line of a report: its innermost message's first line, without Camel's route dump. */
public final class OneLine {

    private OneLine() {
    }

    public static String of(Throwable e) {
        Throwable innermost = e;
        for (Throwable cause = e.getCause(); cause != null && cause != innermost; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                innermost = cause;
            }
        }
        String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
