package ai.aleff.ingress.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.ingress.delivery.MarkdownImages.Segment;

class MarkdownImagesTest {

    @Test
    void anHttpsImageBecomesItsOwnSegmentBetweenTheTextAroundIt() {
        // Given text, an image, more text
        String md = "Here is a cat:\n\n![A <b>cat</b>](https://example.com/cat.png?x=1&y=2)\n\nNice, right?";

        // When split / Then three segments in order, the image with its alt text as written
        assertThat(MarkdownImages.split(md)).containsExactly(new Segment("Here is a cat:", null),
                new Segment("A <b>cat</b>", "https://example.com/cat.png?x=1&y=2"),
                new Segment("Nice, right?", null));
    }

    @Test
    void imagesBackToBackGiveOnePartEachAndNoEmptyText() {
        // Given two images and nothing else
        List<Segment> segments = MarkdownImages.split("![a](https://a.example/1.jpg) ![b](https://b.example/2.jpg)");

        // Then two image segments, no blank text between them
        assertThat(segments).extracting(Segment::imageUrl)
                .containsExactly("https://a.example/1.jpg", "https://b.example/2.jpg");
    }

    @Test
    void nonHttpsMalformedAndHostlessUrlsStayText() {
        // Given images with http, javascript, data, user info, no host and a broken URL
        String md = "![x](http://a.example/1.png) ![x](javascript:alert(1)) ![x](data:image/png;base64,AAAA) "
                + "![x](https://user:pw@a.example/p.png) ![x](https:///nohost.png) ![x](https://a.example/%zz)";

        // When split / Then it is all one text segment, untouched
        assertThat(MarkdownImages.split(md)).containsExactly(new Segment(md, null));
    }

    @Test
    void anImageInsideAFencedCodeBlockStaysCode() {
        // Given an image inside a code block and one after it
        String md = "```md\n![in](https://a.example/in.png)\n```\n![out](https://a.example/out.png)";

        // When split / Then only the one outside is an image
        assertThat(MarkdownImages.split(md)).containsExactly(
                new Segment("```md\n![in](https://a.example/in.png)\n```", null),
                new Segment("out", "https://a.example/out.png"));
    }

    @Test
    void aLongAltTextIsCutAndAReplyWithoutImagesIsOneTextSegment() {
        // Given an alt text of 3000 characters / Then it is cut to the limit
        String alt = "a".repeat(3000);
        assertThat(MarkdownImages.split("![" + alt + "](https://a.example/1.png)").get(0).text())
                .hasSize(MarkdownImages.MAX_ALT_LENGTH);
        // And plain text is one segment
        assertThat(MarkdownImages.split("just **text**")).containsExactly(new Segment("just **text**", null));
        assertThat(MarkdownImages.split("   ")).isEmpty();
    }
}
