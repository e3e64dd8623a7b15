package com.orderrouter.redrive;

import java.util.List;

/** {@code redrive} as its own process, configured by its environment as {@code java -jar order-router.jar redrive} is. */
public final class RedriveProcessMain {

    private RedriveProcessMain() {
    }

    public static void main(String[] args) {
        System.exit(RedriveCommand.run(List.of(args), System.getenv(), System.out, System.err));
    }
}
