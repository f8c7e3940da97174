package org.roentgen.tools.configdoc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The repository's Maven modules by artifact id, and the project modules a service runs with: its
 * compile and runtime dependencies of the project's group, followed transitively (test scope, test
 * jars and build-order POM dependencies left out). Their sources are where the service's
 * configuration types and environment reads can live.
 */
final class Modules {
  private static final String GROUP = "org.roentgen";
  private static final int MAX_DEPTH = 4;

  private final Path root;
  private final Map<String, Path> byArtifact = new TreeMap<>();

  Modules(Path root) {
    this.root = root;
    for (Path pom : poms(root)) {
      String artifact = childText(read(pom).getDocumentElement(), "artifactId");
      if (artifact != null) {
        byArtifact.put(artifact, pom.getParent());
      }
    }
  }

  /** Every pom.xml within {@value #MAX_DEPTH} levels, build output and hidden folders left out. */
  private static List<Path> poms(Path root) {
    List<Path> out = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          Set.of(),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              boolean skip =
                  !dir.equals(root)
                      && (name.startsWith(".") || name.equals("target") || name.equals("data"));
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (file.getFileName().toString().equals("pom.xml")) {
                out.add(file);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The folders of the project modules {@code module} runs with, nearest first. */
  List<Path> runtimeDependencies(Path module) {
    Set<Path> seen = new LinkedHashSet<>();
    Deque<Path> todo = new ArrayDeque<>(List.of(module));
    while (!todo.isEmpty()) {
      for (String artifact : projectDependencies(todo.poll().resolve("pom.xml"))) {
        Path dir = byArtifact.get(artifact);
        if (dir != null && !dir.equals(module) && seen.add(dir)) {
          todo.add(dir);
        }
      }
    }
    return new ArrayList<>(seen);
  }

  /** {@code dir} relative to the repository root, with forward slashes. */
  String relative(Path dir) {
    return root.relativize(dir).toString().replace('\\', '/');
  }

  private static List<String> projectDependencies(Path pom) {
    List<String> out = new ArrayList<>();
    Element project = read(pom).getDocumentElement();
    Element dependencies = child(project, "dependencies");
    if (dependencies == null) {
      return out;
    }
    NodeList list = dependencies.getChildNodes();
    for (int i = 0; i < list.getLength(); i++) {
      if (list.item(i) instanceof Element dep && dep.getTagName().equals("dependency")) {
        String scope = childText(dep, "scope");
        String type = childText(dep, "type");
        boolean runtime = scope == null || scope.equals("compile") || scope.equals("runtime");
        if (GROUP.equals(childText(dep, "groupId")) && runtime && type == null) {
          out.add(childText(dep, "artifactId"));
        }
      }
    }
    return out;
  }

  private static Document read(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String childText(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }
}
