package org.roentgen.tools.configdoc;

import com.github.javaparser.javadoc.Javadoc;
import com.github.javaparser.javadoc.description.JavadocDescriptionElement;
import com.github.javaparser.javadoc.description.JavadocInlineTag;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Javadoc description as one line of Markdown for a table cell: {@code {@code x}} becomes a code
 * span, {@code {@link #maxBackoff()}} the key's name ({@code max-backoff}) as code, other links
 * their label; simple HTML tags and line breaks become spaces; {@code |} and {@code <} are escaped.
 * Block tags ({@code @param}...) are left out.
 */
final class JavadocText {
  private static final Pattern HTML_TAG =
      Pattern.compile("</?(p|b|i|em|strong|ul|ol|li|br|code)\\s*/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private JavadocText() {}

  /** The description of {@code javadoc}, or the empty string. */
  static String of(Optional<Javadoc> javadoc) {
    if (javadoc.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (JavadocDescriptionElement e : javadoc.get().getDescription().getElements()) {
      if (e instanceof JavadocInlineTag tag) {
        out.append(inline(tag));
      } else {
        out.append(text(e.toText()));
      }
    }
    return SPACES.matcher(out).replaceAll(" ").strip();
  }

  /** The first sentence of {@code markdown} (up to the first ". "), for short listings. */
  static String firstSentence(String markdown) {
    int end = markdown.indexOf(". ");
    return end < 0 ? markdown : markdown.substring(0, end + 1);
  }

  private static String inline(JavadocInlineTag tag) {
    String content = tag.getContent().strip();
    return switch (tag.getType()) {
      case CODE, LITERAL, VALUE, SYSTEM_PROPERTY -> code(content);
      case LINK, LINKPLAIN -> link(content);
      default -> text(content);
    };
  }

  private static String link(String content) {
    int space = content.indexOf(' ');
    if (space > 0) {
      return text(content.substring(space + 1).strip());
    }
    int hash = content.indexOf('#');
    if (hash >= 0) {
      String member = content.substring(hash + 1);
      int paren = member.indexOf('(');
      return code(Names.kebab(paren < 0 ? member : member.substring(0, paren)));
    }
    return code(content.substring(content.lastIndexOf('.') + 1));
  }

  /** A code span; {@code |} escaped for tables, longer fences around backticks. */
  static String code(String content) {
    String escaped = content.replace("|", "\\|");
    return content.contains("`") ? "`` " + escaped + " ``" : "`" + escaped + "`";
  }

  /** Plain text: HTML tags dropped, {@code |} and {@code <} escaped. */
  static String text(String raw) {
    String plain = HTML_TAG.matcher(raw).replaceAll(" ");
    return plain.replace("|", "\\|").replace("<", "&lt;");
  }
}
