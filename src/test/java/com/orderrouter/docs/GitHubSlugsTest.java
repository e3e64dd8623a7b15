package com.orderrouter.docs;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The anchors match what GitHub renders for the same headings. */
class GitHubSlugsTest {

    @Test
    void lowerCasedPunctuationDroppedSpacesBecomeHyphens() {
        assertThat(GitHubSlugs.slug("The two commands")).isEqualTo("the-two-commands");
        assertThat(GitHubSlugs.slug("Producing events, redriving and replaying dead letters"))
                .isEqualTo("producing-events-redriving-and-replaying-dead-letters");
        assertThat(GitHubSlugs.slug("Scale-out and crashes")).isEqualTo("scale-out-and-crashes");
        assertThat(GitHubSlugs.slug("0003: Poll backoff (1 s → 30 s)")).isEqualTo("0003-poll-backoff-1-s--30-s");
    }

    @Test
    void anEllipsisAndCodeSpansLeaveOnlyTheirText() {
        assertThat(GitHubSlugs.slug("What happens when…")).isEqualTo("what-happens-when");
        assertThat(GitHubSlugs.slug("Archive format, `schema_version` 2")).isEqualTo("archive-format-schema_version-2");
        assertThat(GitHubSlugs.slug("The **`send`** command")).isEqualTo("the-send-command");
        assertThat(GitHubSlugs.slug("See [Terraform](terraform/README.md)")).isEqualTo("see-terraform");
    }

    @Test
    void repeatedHeadingsAreNumberedInOrder() {
        assertThat(GitHubSlugs.anchors(List.of("Figures", "Context", "Figures", "Figures", "Figures-1")))
                .containsExactly("figures", "context", "figures-1", "figures-2", "figures-1-1");
    }
}
