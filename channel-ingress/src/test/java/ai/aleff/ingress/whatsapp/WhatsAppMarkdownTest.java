package ai.aleff.ingress.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhatsAppMarkdownTest {

    @Test
    void formatsInWhatsAppsMarkers() {
        // Given the usual constructs; Then WhatsApp's own markers
        assertThat(WhatsAppMarkdown.toWhatsApp("**bold** *it* ~~gone~~ `code`"))
                .isEqualTo("*bold* _it_ ~gone~ ```code```");
        assertThat(WhatsAppMarkdown.toWhatsApp("## Plan\n- a\n```py\nx = 1\n```"))
                .isEqualTo("*Plan*\n\u2022 a\n```\nx = 1\n```");
        assertThat(WhatsAppMarkdown.toWhatsApp("[docs](https://a.example)")).isEqualTo("docs (https://a.example)");
    }

    @Test
    void unbalancedAndHtmlStayAsTyped() {
        // Given delimiters without partners and markup; Then nothing is lost or invented
        assertThat(WhatsAppMarkdown.toWhatsApp("**open <b>x</b> snake_case")).isEqualTo("**open <b>x</b> snake_case");
    }
}
