package com.orderrouter.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The link check finds each kind of broken link, with its file and line, and passes good ones. */
class RelativeLinksTest {

    @TempDir
    Path repository;

    @Test
    void goodLinksPass() throws IOException {
        write("docs/operating.md", """
                # Operating
                ## What happens when…
                ## Health
                """);
        write("terraform/main.tf", "locals {}\n");
        MarkdownFile readme = write("README.md", """
                # order-router
                ## The two commands
                See [health](docs/operating.md#health), [the table](docs/operating.md#what-happens-when),
                [Terraform](terraform/), [main.tf](terraform/main.tf#L1), [above](#the-two-commands),
                [Camel](https://camel.apache.org/no-such-page), [mail](mailto:oncall@example.com).
                """);

        assertThat(RelativeLinks.check(repository, List.of(readme))).isEmpty();
    }

    @Test
    void everyBrokenLinkIsReportedWithItsFileAndLine() throws IOException {
        write("docs/operating.md", "# Operating\n## Health\n");
        write("Dockerfile", "FROM eclipse-temurin:21-jre\n");
        MarkdownFile readme = write("README.md", """
                # order-router
                ## The two commands
                A missing file: [deploying](docs/deploying.md).
                A missing heading here: [run](#the-run-command), and there: [metrics](docs/operating.md#metrics).
                An anchor in a file that has no headings: [Dockerfile](Dockerfile#base).
                """);

        assertThat(RelativeLinks.check(repository, List.of(readme))).map(Problem::toString).containsExactly(
                "README.md:3: link \"docs/deploying.md\": no such file or folder docs/deploying.md",
                "README.md:4: link \"#the-run-command\": no heading with anchor #the-run-command in this file",
                "README.md:4: link \"docs/operating.md#metrics\": no heading with anchor #metrics in docs/operating.md",
                "README.md:5: link \"Dockerfile#base\": #base cannot be checked in Dockerfile"
                        + " (only Markdown headings and #L<line> of a file)");
    }

    @Test
    void codeIsNotALink() throws IOException {
        MarkdownFile readme = write("README.md", """
                # order-router
                `[not a link](missing.md)`
                ```
                [nor this](missing.md)
                ## nor a heading
                ```
                [but this is](#nor-a-heading)
                """);

        assertThat(RelativeLinks.check(repository, List.of(readme))).map(Problem::toString).containsExactly(
                "README.md:7: link \"#nor-a-heading\": no heading with anchor #nor-a-heading in this file");
    }

    private MarkdownFile write(String name, String text) throws IOException {
        Path file = repository.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return MarkdownFile.read(file);
    }
}
