package com.serviceradar.edge.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void quotesTextForTheLanguageAndWritesNumbersAndWordsAsTheyAre() {
    Template template =
        Template.parse("t", "name: {{name}}\nport: {{port}}\npath {{path}}\n", Language.NATS_CONF);

    String rendered =
        template.render(Map.of("name", "a \"b\" \\c", "port", 4222, "path", Word.of("/etc/nats")));

    assertThat(rendered).isEqualTo("name: \"a \\\"b\\\" \\\\c\"\nport: 4222\npath /etc/nats\n");
  }

  @Test
  void natsConfigRefusesNewlinesAndOtherControlCharacters() {
    Template template = Template.parse("leaf.tmpl", "x: {{value}}\n", Language.NATS_CONF);

    for (String value : List.of("a\nb", "a\rb", "a\u0000b", "tab\there")) {
      assertThatThrownBy(() -> template.render(Map.of("value", value)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("template leaf.tmpl: {{value}}")
          .hasMessageContaining("control characters");
    }
  }

  @Test
  void shellValuesAreSingleQuotedWithQuotesSpliced() {
    assertThat(Language.SHELL.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(Language.SHELL.quote("$(touch /tmp/x) `id` \"q\"; rm -rf / #"))
        .isEqualTo("'$(touch /tmp/x) `id` \"q\"; rm -rf / #'");
    assertThat(Language.SHELL.quote("")).isEqualTo("''");
  }

  @Test
  void markdownValuesBecomeCodeSpansLongerThanAnyBacktickRunInside() {
    assertThat(Language.MARKDOWN.quote("NYC *Office*")).isEqualTo("`NYC *Office*`");
    assertThat(Language.MARKDOWN.quote("a `b` c")).isEqualTo("``a `b` c``");
    assertThat(Language.MARKDOWN.quote("`id`")).isEqualTo("`` `id` ``");
  }

  @Test
  void systemdValuesAreDoubleQuotedWithSpecifiersAndVariablesDoubled() {
    assertThat(Language.SYSTEMD_UNIT.quote("/opt/edge tools/sr \"x\" \\ 100% $HOME"))
        .isEqualTo("\"/opt/edge tools/sr \\\"x\\\" \\\\ 100%% $$HOME\"");
    assertThatThrownBy(() -> Language.SYSTEMD_UNIT.quote("a\nExecStartPre=/bin/sh"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonValuesEscapeQuotesBackslashesAndControlCharacters() {
    assertThat(Language.JSON.quote("a \"b\" \\ c")).isEqualTo("\"a \\\"b\\\" \\\\ c\"");
    assertThat(Language.JSON.quote("line\nnext\u0001")).isEqualTo("\"line\\u000anext\\u0001\"");
  }

  @Test
  void sectionsRenderForTrueAndOncePerListItemAndStandaloneTagsTakeTheirLine() {
    Template template =
        Template.parse(
            "t",
            "a\n{{#on}}\non\n{{/on}}\n{{^on}}\noff\n{{/on}}\n  {{#items}}\n- {{key}}={{n}}\n  {{/items}}\nz",
            Language.SHELL);

    assertThat(
            template.render(
                Map.of(
                    "on",
                    true,
                    "n",
                    1,
                    "items",
                    List.of(Map.of("key", "x"), Map.of("key", "y", "n", 2)))))
        .isEqualTo("a\non\n- 'x'=1\n- 'y'=2\nz");
    assertThat(template.render(Map.of("on", false, "items", List.of()))).isEqualTo("a\noff\nz");
  }

  @Test
  void missingOrWronglyTypedValuesAreErrorsNotBlanks() {
    Template template = Template.parse("t", "{{a}}{{#b}}x{{/b}}", Language.SHELL);

    assertThatThrownBy(() -> template.render(Map.of("b", true)))
        .hasMessage("template t: no value for {{a}}");
    assertThatThrownBy(() -> template.render(Map.of("a", true, "b", true)))
        .hasMessageContaining("{{a}} needs text, a number or a Word, got Boolean");
    assertThatThrownBy(() -> template.render(Map.of("a", "v", "b", "yes")))
        .hasMessageContaining("section {{#b}} needs a Boolean or a List, got String");
  }

  @Test
  void malformedTemplatesAreRefusedWithTheLine() {
    assertThatThrownBy(() -> Template.parse("t", "ok\n{{#a}}\n{{/b}}", Language.SHELL))
        .hasMessage("template t line 3: {{/b}} closes no open section of that name");
    assertThatThrownBy(() -> Template.parse("t", "{{#a}}", Language.SHELL))
        .hasMessage("template t: section {{#a}} is never closed");
    assertThatThrownBy(() -> Template.parse("t", "x {{ a }}", Language.SHELL))
        .hasMessage("template t line 1: malformed tag {{ a }}");
    assertThatThrownBy(() -> Template.parse("t", "x {{a", Language.SHELL))
        .hasMessage("template t line 1: {{ is never closed");
  }

  @Test
  void wordsRefuseAnythingAShellOrConfigWouldInterpret() {
    for (String unsafe : List.of("", "a b", "$x", "a'b", "a\"b", "`id`", "a;b", "a\\b", "*")) {
      assertThatThrownBy(() -> Word.of(unsafe)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Word.of("/var/lib/nats-2.9/js_store:1@x+y").value())
        .isEqualTo("/var/lib/nats-2.9/js_store:1@x+y");
  }
}
