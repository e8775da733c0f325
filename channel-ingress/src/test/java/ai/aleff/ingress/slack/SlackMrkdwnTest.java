package ai.aleff.ingress.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackMrkdwnTest {

    @Test
    void markdownBecomesMrkdwn() {
        assertThat(SlackMrkdwn.toMrkdwn("**bold** and *it* and ~~gone~~ and `x < y`"))
                .isEqualTo("*bold* and _it_ and ~gone~ and `x &lt; y`");
        assertThat(SlackMrkdwn.toMrkdwn("[the docs](https://example.com/a?b=1&c=2)"))
                .isEqualTo("<https://example.com/a?b=1&amp;c=2|the docs>");
        assertThat(SlackMrkdwn.toMrkdwn("- one\n- two")).isEqualTo("\u2022 one\n\u2022 two");
        assertThat(SlackMrkdwn.toMrkdwn("```\na && b\n```")).isEqualTo("```\na &amp;&amp; b\n```");
    }

    @Test
    void theModelCannotMentionEveryoneOrForgeLinks() {
        // Slack's special sequences are escaped, so they render as text
        assertThat(SlackMrkdwn.toMrkdwn("hey <!channel> and <@U123> <https://evil|bank>"))
                .isEqualTo("hey &lt;!channel&gt; and &lt;@U123&gt; &lt;https://evil|bank&gt;");
        // A link label cannot close the link early; a javascript: link stays text
        assertThat(SlackMrkdwn.toMrkdwn("[a|b>c](https://example.com)"))
                .isEqualTo("<https://example.com|a\u2223b&gt;c>");
        assertThat(SlackMrkdwn.toMrkdwn("[x](javascript:alert(1))")).doesNotContain("<javascript");
    }
}
