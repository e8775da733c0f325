package ai.aleff.agent.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.AssistantConfiguration.Skill;

class SkillsTest {

    private static final List<Skill> SKILLS = List.of(new Skill("baking", "Bread questions.", "# Knead"),
            new Skill("brewing", "Coffee questions.", "# Grind"));

    @Test
    void addendumListsNamesAndDescriptionsButNotTheContent() {
        // When the addendum is built for two skills
        String addendum = Skills.promptAddendum(SKILLS);

        // Then it names the tool and each skill, and keeps the (possibly long) content out of the prompt
        assertThat(addendum).contains("load_skill", "- baking: Bread questions.", "- brewing: Coffee questions.")
                .doesNotContain("# Knead", "# Grind");
    }

    @Test
    void noSkillsMeansNoAddendum() {
        assertThat(Skills.promptAddendum(List.of())).isEmpty();
    }

    @Test
    void loadingAKnownSkillReturnsItsContentAndAnAuditRecord() {
        // When a listed skill is loaded
        ToolRoute.Local result = Skills.load(SKILLS, Optional.of("brewing"));

        // Then the model gets its Markdown and the load is audited with the skill's name
        assertThat(result.result()).isEqualTo("# Grind");
        assertThat(result.auditAction()).isEqualTo("skill.loaded");
        assertThat(result.auditDetail()).isEqualTo("skill=brewing");
    }

    @Test
    void loadingAnUnknownOrMissingNameIsAnErrorListingTheValidNames() {
        assertThat(Skills.load(SKILLS, Optional.of("astrology")).result())
                .isEqualTo("ERROR: unknown skill 'astrology'; valid names: baking, brewing");
        assertThat(Skills.load(SKILLS, Optional.empty()).result())
                .isEqualTo("ERROR: no skill name given; valid names: baking, brewing");
        assertThat(Skills.load(SKILLS, Optional.empty()).auditAction()).isNull();
    }
}
