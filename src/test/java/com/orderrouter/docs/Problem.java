package com.orderrouter.docs;

import java.nio.file.Path;

/** Something wrong at one line of a Markdown file, printed as {@code file:line: message}. */
record Problem(Path file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
