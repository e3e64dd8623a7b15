package com.orderrouter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every name in some Markdown files that looks like a test class ({@code FooTest}, {@code FooIT}) is a class under
 * src/test/java, so the docs never point at a test that was renamed or removed. Not checked: an annotation
 * ({@code @CamelMainTest}, Camel's) and an all-capitals word ({@code JIT}).
 */
final class TestClassMentions {

    static final String TEST_SOURCES = "src/test/java";
    /** A capitalised name ending in Test or IT with a lower-case letter before that: DeadLetterIT, not JIT. */
    private static final Pattern TEST_CLASS_NAME =
            Pattern.compile("(?<!@)\\b[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*(?:Test|IT)\\b");

    private TestClassMentions() {
    }

    /** The mentions of test classes with no {@code Name.java} under the repository's test sources, in order. */
    static List<Problem> check(Path repository, List<MarkdownFile> files) {
        Path root = repository.toAbsolutePath().normalize();
        Set<String> testClasses = classNamesUnder(root.resolve(TEST_SOURCES));
        List<Problem> problems = new ArrayList<>();
        for (MarkdownFile file : files) {
            Path shown = root.relativize(file.path().toAbsolutePath().normalize());
            List<String> lines = file.lines();
            for (int i = 0; i < lines.size(); i++) {
                Matcher name = TEST_CLASS_NAME.matcher(lines.get(i));
                while (name.find()) {
                    if (!testClasses.contains(name.group())) {
                        problems.add(new Problem(shown, i + 1, "names test class " + name.group()
                                + ", but there is no " + name.group() + ".java under " + TEST_SOURCES));
                    }
                }
            }
        }
        return problems;
    }

    private static Set<String> classNamesUnder(Path testSources) {
        if (!Files.isDirectory(testSources)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(testSources)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".java"))
                    .map(name -> name.substring(0, name.length() - ".java".length()))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
