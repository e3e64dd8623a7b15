package com.orderrouter.producer;

import java.time.Duration;

/** Waits between attempts; tests substitute one that records the pauses instead of taking them. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = pause -> Thread.sleep(pause.toMillis());

    void sleep(Duration pause) throws InterruptedException;
}
