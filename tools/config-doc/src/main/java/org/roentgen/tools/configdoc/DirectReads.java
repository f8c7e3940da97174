package org.roentgen.tools.configdoc;

import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What code reads outside Quarkus' configuration: calls of {@code System.getenv("NAME")} and {@code
 * System.getProperty("name")} with a literal name, in a service's sources and in the modules it
 * runs with.
 */
final class DirectReads {
  /**
   * One read.
   *
   * @param name the variable or property
   * @param environment true for an environment variable, false for a system property
   * @param type the class that reads it (fully qualified)
   * @param source its file, relative to the repository root
   * @param description the first sentence of the class's doc comment
   */
  record Read(String name, boolean environment, String type, String source, String description) {}

  private DirectReads() {}

  /** The reads in the sources under {@code root} (a {@code src/main/java}). */
  static List<Read> find(Path root, Sources sources, Path repositoryRoot) {
    List<Read> out = new ArrayList<>();
    for (Path file : javaFiles(root)) {
      if (mentionsSystemRead(file)) {
        for (MethodCallExpr call : sources.parse(file).findAll(MethodCallExpr.class)) {
          read(call, repositoryRoot.relativize(file)).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  private static Optional<Read> read(MethodCallExpr call, Path file) {
    String method = call.getNameAsString();
    boolean env = method.equals("getenv");
    boolean onSystem =
        call.getScope()
            .filter(s -> s instanceof NameExpr n && n.getNameAsString().equals("System"))
            .isPresent();
    if (!onSystem
        || !(env || method.equals("getProperty"))
        || call.getArguments().isEmpty()
        || !(call.getArgument(0) instanceof StringLiteralExpr literal)) {
      return Optional.empty();
    }
    TypeDeclaration<?> type =
        call.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t).orElseThrow();
    return Optional.of(
        new Read(
            literal.asString(),
            env,
            type.getFullyQualifiedName().orElse(type.getNameAsString()),
            file.toString().replace('\\', '/'),
            JavadocText.firstSentence(JavadocText.of(type.getJavadoc()))));
  }

  private static boolean mentionsSystemRead(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.contains("System.getenv(") || text.contains("System.getProperty(");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
