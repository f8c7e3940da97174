package org.roentgen.tools.configdoc;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every service under {@code services/} from its sources: the {@code @ConfigMapping}
 * interfaces in its own code and in the project modules it runs with, its {@code
 * application.properties}, and its direct reads of the environment.
 */
final class ServiceReader {
  private static final String PROPERTIES = "src/main/resources/application.properties";

  private final Path root;
  private final Modules modules;
  private final Map<Path, List<DirectReads.Read>> readsByRoot = new HashMap<>();

  ServiceReader(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.modules = new Modules(this.root);
  }

  /** Every service, by folder name. */
  List<Service> readAll() {
    Path services = root.resolve("services");
    List<Service> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(services)) {
      for (Path dir : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
        if (Files.isRegularFile(dir.resolve("pom.xml"))) {
          out.add(read(dir));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  Service read(Path dir) {
    List<Path> moduleDirs = new ArrayList<>(List.of(dir));
    moduleDirs.addAll(modules.runtimeDependencies(dir));
    Sources sources = Sources.ofModules(moduleDirs);
    MappingReader reader = new MappingReader(sources);
    List<Mapping> mappings = new ArrayList<>();
    List<DirectReads.Read> reads = new ArrayList<>();
    for (Path src : sources.roots()) {
      for (Path file : DirectReads.javaFiles(src)) {
        if (!contains(file, "@ConfigMapping")) {
          continue;
        }
        for (TypeDeclaration<?> t : sources.parse(file).findAll(TypeDeclaration.class)) {
          if (t instanceof ClassOrInterfaceDeclaration c && MappingReader.prefix(c).isPresent()) {
            mappings.add(reader.read(c, relative(file)));
          }
        }
      }
      reads.addAll(readsByRoot.computeIfAbsent(src, r -> DirectReads.find(r, sources, root)));
    }
    Path properties = dir.resolve(PROPERTIES);
    boolean hasProperties = Files.isRegularFile(properties);
    return new Service(
        dir.getFileName().toString(),
        relative(dir),
        mappings,
        hasProperties ? PropertiesFile.read(properties) : List.of(),
        hasProperties ? relative(properties) : null,
        reads);
  }

  private String relative(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
