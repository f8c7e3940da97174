package org.roentgen.tools.configdoc;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java sources of one service and the project modules it runs with ({@code src/main/java} of
 * each, the service's first), parsed on demand, and the declaration a type name refers to: a type
 * nested in the same file, an import, or the same package.
 */
final class Sources {
  private final List<Path> roots;
  private final JavaParser parser =
      new JavaParser(
          new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
  private final Map<Path, CompilationUnit> parsed = new HashMap<>();

  /** The sources under these {@code src/main/java} folders (or any source folders). */
  Sources(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The {@code src/main/java} of each of these module folders that has one, in order. */
  static Sources ofModules(List<Path> moduleDirs) {
    List<Path> roots = new ArrayList<>();
    for (Path dir : moduleDirs) {
      Path main = dir.resolve("src/main/java");
      if (Files.isDirectory(main)) {
        roots.add(main);
      }
    }
    return new Sources(roots);
  }

  List<Path> roots() {
    return roots;
  }

  CompilationUnit parse(Path file) {
    return parsed.computeIfAbsent(file, this::parseNow);
  }

  private CompilationUnit parseNow(Path file) {
    try {
      ParseResult<CompilationUnit> result = parser.parse(file);
      if (!result.isSuccessful() || result.getResult().isEmpty()) {
        throw new IllegalStateException("cannot parse " + file + ": " + result.getProblems());
      }
      CompilationUnit cu = result.getResult().get();
      cu.setStorage(file);
      return cu;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The declaration {@code type} (as written in {@code context}) refers to, when it is in these
   * sources.
   */
  Optional<TypeDeclaration<?>> resolve(ClassOrInterfaceType type, Node context) {
    List<String> names = new ArrayList<>();
    for (ClassOrInterfaceType t = type; t != null; t = t.getScope().orElse(null)) {
      names.add(0, t.getNameAsString());
    }
    CompilationUnit cu =
        context
            .findCompilationUnit()
            .orElseThrow(() -> new IllegalStateException("no compilation unit"));
    Optional<TypeDeclaration<?>> first = resolveSimple(names.get(0), cu);
    for (int i = 1; i < names.size() && first.isPresent(); i++) {
      first = member(first.get(), names.get(i));
    }
    return first;
  }

  private Optional<TypeDeclaration<?>> resolveSimple(String name, CompilationUnit cu) {
    @SuppressWarnings("rawtypes")
    List<TypeDeclaration> local =
        cu.findAll(TypeDeclaration.class, t -> name.equals(t.getNameAsString()));
    if (!local.isEmpty()) {
      return Optional.of(local.get(0));
    }
    for (ImportDeclaration imp : cu.getImports()) {
      if (!imp.isStatic() && !imp.isAsterisk() && imp.getName().getIdentifier().equals(name)) {
        return locate(imp.getNameAsString());
      }
    }
    String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
    return locate(pkg + name);
  }

  /** The type of a fully-qualified name, top-level or nested, in these sources. */
  Optional<TypeDeclaration<?>> locate(String qualifiedName) {
    String[] parts = qualifiedName.split("\\.");
    for (int top = parts.length; top >= 1; top--) {
      String relative = String.join("/", java.util.Arrays.copyOf(parts, top)) + ".java";
      for (Path root : roots) {
        Path file = root.resolve(relative);
        if (Files.isRegularFile(file)) {
          String topName = parts[top - 1];
          Optional<TypeDeclaration<?>> t =
              parse(file).getTypes().stream()
                  .filter(d -> d.getNameAsString().equals(topName))
                  .findFirst()
                  .map(d -> (TypeDeclaration<?>) d);
          for (int i = top; i < parts.length && t.isPresent(); i++) {
            t = member(t.get(), parts[i]);
          }
          if (t.isPresent()) {
            return t;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<TypeDeclaration<?>> member(TypeDeclaration<?> owner, String name) {
    for (BodyDeclaration<?> m : owner.getMembers()) {
      if (m instanceof TypeDeclaration<?> t && t.getNameAsString().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
