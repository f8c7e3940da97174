package org.roentgen.tools.configdoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import org.junit.jupiter.api.Test;

class JavadocTextTest {
  private static String of(String comment) {
    MethodDeclaration m =
        StaticJavaParser.parse("interface X { " + comment + " int a(); }")
            .getInterfaceByName("X")
            .orElseThrow()
            .getMethods()
            .get(0);
    return JavadocText.of(m.getJavadoc());
  }

  @Test
  void rendersInlineTagsAsMarkdownForATableCell() {
    assertThat(
            of(
                """
                /**
                 * Consumed in {@code <group-id>.release}; see {@link #maxBackoff()} and
                 * {@link Foo the foo}. |DI| <b>above</b> it.
                 *
                 * @return nothing here
                 */"""))
        .isEqualTo(
            "Consumed in `<group-id>.release`; see `max-backoff` and the foo. \\|DI\\| above it.");
  }

  @Test
  void noCommentIsEmpty() {
    assertThat(of("")).isEmpty();
  }
}
