package com.orderrouter.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README.md and docs/ stay true to the repository (CI runs this with every build): every relative link and anchor
 * resolves, and every test class they name exists. Nothing is fetched: links with a scheme are not followed.
 */
class DocumentationLinksTest {

    private static final Path REPOSITORY = Path.of("");

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<Problem> problems = RelativeLinks.check(REPOSITORY, DocumentationFiles.in(REPOSITORY));

        assertThat(problems).as(report("links that do not resolve", problems)).isEmpty();
    }

    @Test
    void everyTestClassTheDocsNameExists() {
        List<Problem> problems = TestClassMentions.check(REPOSITORY, DocumentationFiles.in(REPOSITORY));

        assertThat(problems).as(report("test classes named but not found", problems)).isEmpty();
    }

    @Test
    void theChecksReadTheWholeDocumentation() {
        List<MarkdownFile> files = DocumentationFiles.in(REPOSITORY);

        assertThat(files).extracting(file -> file.path().toString().replace('\\', '/'))
                .contains("README.md", "docs/changing-routes.md", "docs/sending-events.md", "docs/dead-letters.md",
                        "docs/operating.md", "docs/deploying.md", "docs/testing.md", "docs/performance.md");
        assertThat(files.stream().mapToLong(file -> file.links().size()).sum()).as("links found").isPositive();
    }

    private static String report(String what, List<Problem> problems) {
        return problems.size() + " " + what + ":\n" + problems.stream().map(Problem::toString)
                .collect(Collectors.joining("\n"));
    }
}
