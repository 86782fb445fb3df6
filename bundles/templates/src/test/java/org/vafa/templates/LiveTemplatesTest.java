package org.vafa.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vafa.api.rest.Problem;

public class LiveTemplatesTest {
    @TempDir
    Path dir;

    public record Member(String firstName, List<String> cards) {
    }

    private static final Map<String, Object> SAMPLE = Map.of("member", new Member("Sara", List.of("6037")));

    @ParameterizedTest
    @ValueSource(strings = {
            "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"id\")}",
            "<#assign x = \"freemarker.template.utility.ObjectConstructor\" ? new ()>${x(\"java.io.File\", \"/\")}",
            "${member?api.getClass()}",
            "${\"1+1\"?eval}",
            "<#assign t = data.name?interpret><@t/>",
            "<#if false>${\"freemarker.template.utility.Execute\"?new()(\"id\")}</#if>",
    })
    void aTemplateThatTriesToRunCodeIsRefusedNamingText(String text) {
        assertThatThrownBy(() -> new LiveTemplates(dir).save("welcome", "fa", text, SAMPLE))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.field()).isEqualTo("text");
                });
        assertThat(dir.resolve("welcome.fa.ftl")).doesNotExist();
    }

    @Test
    void modelsExposeTheirValuesButNoClassesOrClassLoaders() {
        LiveTemplates templates = new LiveTemplates(dir);
        templates.save("welcome", "fa", "${member.firstName} ${member.cards[0]}", SAMPLE);
        assertThat(templates.render("welcome", "fa", SAMPLE)).isEqualTo("Sara 6037");
        assertThatThrownBy(() -> templates.save("x", "fa", "${member.class.protectionDomain}", SAMPLE))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("text"));
        assertThatThrownBy(() -> templates.save("x", "fa", "${member.getClass().getClassLoader()}", SAMPLE)).isInstanceOf(Problem.class);
    }

    @Test
    void aTemplateOnDiskThatTriesToRunCodeIsRejectedAndTheLastGoodOneServes() throws Exception {
        LiveTemplates templates = new LiveTemplates(dir);
        templates.save("welcome", "fa", "Hello ${data.name}", SAMPLE);
        assertThat(templates.render("welcome", "fa", Map.of("data", Map.of("name", "Sara")))).isEqualTo("Hello Sara");
        Path file = dir.resolve("welcome.fa.ftl");
        Files.writeString(file, "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"touch " + dir.resolve("owned") + "\")}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(templates.render("welcome", "fa", Map.of("data", Map.of("name", "Sara")))).isEqualTo("Hello Sara");
        assertThat(dir.resolve("owned")).doesNotExist();
    }

    @Test
    void aTemplateThatCannotBeFilledIsRefusedBeforeItParksMessages() {
        LiveTemplates templates = new LiveTemplates(dir);
        assertThatThrownBy(() -> templates.save("welcome", "fa", "${membr.firstName}", SAMPLE))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail()).contains("sample data").contains("membr"));
        assertThatThrownBy(() -> templates.save("welcome", "fa", "${member.firstname}", SAMPLE)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> templates.save("welcome", "fa", "${data.points?string('0') + member.cards}", SAMPLE))
                .isInstanceOf(Problem.class);
        // any data the event may carry is accepted, defaults too
        templates.save("welcome", "fa", "${data.points} ${(data.balance.available)!0} <#list data.lines as l>${l.sku}</#list>", SAMPLE);
        assertThat(dir.resolve("welcome.fa.ftl")).exists();
    }

    @Test
    void htmlTemplatesEscapeDataAndTextTemplatesDoNot() {
        LiveTemplates templates = new LiveTemplates(dir);
        templates.save("tier.html", "fa", "<p>${member.firstName}</p>", SAMPLE);
        templates.save("tier.txt", "fa", "${member.firstName}", SAMPLE);
        Map<String, Object> evil = Map.of("member", new Member("<script>alert(1)</script>", List.of()));
        assertThat(templates.render("tier.html", "fa", evil)).isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assertThat(templates.render("tier.txt", "fa", evil)).isEqualTo("<script>alert(1)</script>");
    }
}
