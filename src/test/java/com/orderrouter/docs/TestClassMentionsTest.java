package com.orderrouter.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The test-name check reports each test class the docs name that does not exist, with its file and line. */
class TestClassMentionsTest {

    @TempDir
    Path repository;

    @Test
    void namedTestClassesMustExistUnderTheTestSources() throws IOException {
        write("src/test/java/com/example/DeadLetterIT.java", "class DeadLetterIT {}");
        write("src/test/java/com/example/SettingsTest.java", "class SettingsTest {}");
        MarkdownFile doc = MarkdownFile.read(write("docs/testing.md", """
                # Testing
                | `DeadLetterIT`, `SettingsTest` | both exist |
                | `RenamedIT` | gone |
                ./mvnw -B -ntp -o test -Dtest=OldNameTest
                `@CamelMainTest` is Camel's annotation; the ITs, the JIT and a TestPyramid are no test classes.
                """));

        assertThat(TestClassMentions.check(repository, List.of(doc))).map(Problem::toString).containsExactly(
                "docs/testing.md:3: names test class RenamedIT, but there is no RenamedIT.java under src/test/java",
                "docs/testing.md:4: names test class OldNameTest, but there is no OldNameTest.java"
                        + " under src/test/java");
    }

    private Path write(String name, String text) throws IOException {
        Path file = repository.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
