package com.orderrouter.cli;

/** Exit statuses shared by every command (picocli's own usage errors exit {@link #USAGE} too). */
public final class ExitStatus {

    public static final int OK = 0;
    /** The command ran and something failed: a message not sent or not moved, a route problem, a start failure. */
    public static final int FAILED = 1;
    /** A usage error, or settings (environment variables) that are missing or invalid: nothing was done. */
    public static final int USAGE = 2;

    private ExitStatus() {
    }
}
