package com.orderrouter.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.orderrouter.testing.RouteFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * validate-routes catches what would otherwise only break at run time (issue #23): each test breaks one thing in a
 * copy of the project's routes and expects exactly one line per problem, naming the file and the line of the step.
 * Lines are looked up in the copy, so the routes may gain lines (descriptions) without breaking these tests.
 */
class RouteCheckRunTimeProblemsTest {

    /** A step: a list item that opens with its kind ({@code - setHeader:}, {@code - simple: ...}). */
    private static final Pattern STEP = Pattern.compile("^\\s*- [A-Za-z]+:.*");

    @TempDir
    Path routes;

    @BeforeEach
    void copyProjectRoutes() throws IOException {
        RouteFiles.copy(Path.of("routes"), routes);
    }

    @Test
    void aContractThatDoesNotParseIsReportedWithLineAndColumn() throws IOException {
        Path file = routes.resolve("contracts/order_updated.schema.json");
        int line = replace(file, "\"type\": \"object\",", "\"type\": \"object\"");

        assertThat(problems()).containsExactly(file + ":" + (line + 1) + ":3: not valid JSON: Unexpected character "
                + "('\"' (code 34)): was expecting comma to separate Object entries");
    }

    private List<String> problems() {
        return RouteCheck.check(routes).stream().map(RouteCheck.Problem::toString).toList();
    }

    /** Replaces the first occurrence; returns the 1-based line it was on. */
    private static int replace(Path file, String text, String replacement) throws IOException {
        String content = Files.readString(file);
        int at = content.indexOf(text);
        assertThat(at).as(text + " in " + file).isNotNegative();
        Files.writeString(file, content.substring(0, at) + replacement + content.substring(at + text.length()));
        return lineAt(content, at);
    }

    /** Inserts lines after the first occurrence of {@code text}; returns the 1-based line of the first inserted. */
    private static int insertAfter(Path file, String text, String lines) throws IOException {
        String content = Files.readString(file);
        int at = content.indexOf(text);
        assertThat(at).as(text + " in " + file).isNotNegative();
        int end = at + text.length();
        Files.writeString(file, content.substring(0, end) + lines + content.substring(end));
        return lineAt(content, end);
    }

    /** The line of the step that holds {@code line}: the nearest step opening at or above it. */
    private static int stepAbove(Path file, int line) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = line - 1; i >= 0; i--) {
            if (STEP.matcher(lines.get(i)).matches()) {
                return i + 1;
            }
        }
        throw new AssertionError("no step above line " + line + " of " + file);
    }

    private static int lineAt(String content, int offset) {
        return (int) content.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
