package com.orderrouter.config;

import java.util.List;

/** The routes' environment declaration cannot be read; each problem names the file, the line and the entry. */
public final class MalformedDeclarationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem: {@code line} in the declaration file, 0 when it is about the whole file. */
    public record Problem(int line, String message) {
    }

    private final String file;
    private final transient List<Problem> problems;

    MalformedDeclarationException(String file, List<Problem> problems) {
        super("order-router cannot start, fix " + file + ":\n  - " + String.join("\n  - ",
                problems.stream().map(p -> file + ":" + p.line() + ": " + p.message()).toList()));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
