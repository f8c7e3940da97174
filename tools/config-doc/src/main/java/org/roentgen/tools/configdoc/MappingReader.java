package org.roentgen.tools.configdoc;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code @ConfigMapping} interface as SmallRye Config maps it: each abstract method without
 * parameters is a key named by its kebab-case name (or {@code @WithName}) under its interface's
 * prefix; a method returning an interface is a group of keys one level down
 * ({@code @WithParentName}: at the same level); a {@code Map<String, X>} adds a level whose name is
 * the map's key, shown as {@code <name>}; {@code Optional}, {@code OptionalInt}... are optional
 * keys; {@code @WithDefault} gives the default.
 */
final class MappingReader {
  /** The placeholder of a map's key in a key name. */
  static final String MAP_KEY = "<name>";

  private static final Map<String, String> VALUE_TYPES =
      Map.ofEntries(
          Map.entry("String", "string"),
          Map.entry("Integer", "int"),
          Map.entry("Long", "long"),
          Map.entry("Short", "short"),
          Map.entry("Byte", "byte"),
          Map.entry("Double", "double"),
          Map.entry("Float", "float"),
          Map.entry("Boolean", "boolean"),
          Map.entry("Character", "char"),
          Map.entry("Duration", "duration"),
          Map.entry("Period", "period"),
          Map.entry("Path", "path"),
          Map.entry("File", "path"),
          Map.entry("URI", "URI"),
          Map.entry("URL", "URL"),
          Map.entry("InetAddress", "address"),
          Map.entry("Pattern", "regex"),
          Map.entry("ZoneId", "time zone"),
          Map.entry("Instant", "instant"),
          Map.entry("LocalDate", "date"),
          Map.entry("LocalTime", "time"),
          Map.entry("BigDecimal", "decimal"),
          Map.entry("BigInteger", "integer"),
          Map.entry("Charset", "charset"),
          Map.entry("UUID", "UUID"));
  private static final Map<String, String> OPTIONAL_PRIMITIVES =
      Map.of("OptionalInt", "int", "OptionalLong", "long", "OptionalDouble", "double");
  private static final Set<String> COLLECTIONS = Set.of("List", "Set", "Collection");

  private final Sources sources;

  MappingReader(Sources sources) {
    this.sources = sources;
  }

  /** The {@code @ConfigMapping} prefix of {@code type}, when it is a mapping. */
  static Optional<String> prefix(TypeDeclaration<?> type) {
    Optional<AnnotationExpr> a = annotation(type.getAnnotations(), "ConfigMapping");
    if (a.isEmpty()) {
      return Optional.empty();
    }
    if (member(a.get(), "namingStrategy").isPresent()) {
      throw new IllegalStateException(
          type.getNameAsString() + ": only the default naming strategy (kebab-case) is supported");
    }
    return Optional.of(member(a.get(), "prefix").orElse(""));
  }

  Mapping read(ClassOrInterfaceDeclaration mapping, String source) {
    String prefix = prefix(mapping).orElseThrow();
    List<KeyGroup> groups = new ArrayList<>();
    walk(mapping, prefix, JavadocText.of(mapping.getJavadoc()), false, groups, new ArrayList<>());
    return new Mapping(
        prefix, mapping.getNameAsString(), source, JavadocText.of(mapping.getJavadoc()), groups);
  }

  private void walk(
      ClassOrInterfaceDeclaration type,
      String prefix,
      String description,
      boolean optional,
      List<KeyGroup> out,
      List<String> path) {
    String id = type.getFullyQualifiedName().orElse(type.getNameAsString());
    if (path.contains(id)) {
      throw new IllegalStateException("recursive configuration group " + id + " at " + prefix);
    }
    List<String> inner = new ArrayList<>(path);
    inner.add(id);
    List<ConfigKey> keys = new ArrayList<>();
    out.add(new KeyGroup(prefix, description, keys));
    List<Runnable> children = new ArrayList<>();
    for (MethodDeclaration m : methods(type)) {
      String name =
          annotation(m.getAnnotations(), "WithName")
              .flatMap(a -> member(a, "value"))
              .orElse(Names.kebab(m.getNameAsString()));
      boolean parentName = annotation(m.getAnnotations(), "WithParentName").isPresent();
      String key = parentName ? prefix : join(prefix, name);
      String doc = JavadocText.of(m.getJavadoc());
      String def =
          annotation(m.getAnnotations(), "WithDefault")
              .flatMap(a -> member(a, "value"))
              .orElse(null);
      Shape shape = shape(m.getType(), m);
      switch (shape.kind) {
        case VALUE ->
            keys.add(
                new ConfigKey(key, shape.type, shape.values, def, optional || shape.optional, doc));
        case GROUP ->
            children.add(
                () ->
                    walk(
                        shape.group,
                        key,
                        docOf(doc, shape.group),
                        optional || shape.optional,
                        out,
                        inner));
        case MAP_OF_GROUPS ->
            children.add(
                () ->
                    walk(
                        shape.group,
                        key + "." + MAP_KEY,
                        docOf(doc, shape.group),
                        optional,
                        out,
                        inner));
        case MAP_OF_VALUES ->
            keys.add(new ConfigKey(key + "." + MAP_KEY, shape.type, shape.values, def, true, doc));
        case LIST_OF_GROUPS ->
            children.add(
                () ->
                    walk(
                        shape.group,
                        key + "[<index>]",
                        docOf(doc, shape.group),
                        optional,
                        out,
                        inner));
      }
    }
    children.forEach(Runnable::run);
  }

  /** The methods that are keys: the inherited ones first, then the interface's own. */
  private List<MethodDeclaration> methods(ClassOrInterfaceDeclaration type) {
    List<MethodDeclaration> out = new ArrayList<>();
    for (ClassOrInterfaceType parent : type.getExtendedTypes()) {
      TypeDeclaration<?> p =
          sources.resolve(parent, type).orElseThrow(() -> unresolved(parent.asString(), type));
      if (p instanceof ClassOrInterfaceDeclaration c && c.isInterface()) {
        out.addAll(methods(c));
      }
    }
    for (MethodDeclaration m : type.getMethods()) {
      if (!m.isStatic() && !m.isDefault() && !m.isPrivate() && m.getParameters().isEmpty()) {
        out.add(m);
      }
    }
    return out;
  }

  private static String docOf(String methodDoc, TypeDeclaration<?> group) {
    return methodDoc.isEmpty() ? JavadocText.of(group.getJavadoc()) : methodDoc;
  }

  private enum Kind {
    VALUE,
    GROUP,
    MAP_OF_GROUPS,
    MAP_OF_VALUES,
    LIST_OF_GROUPS
  }

  private record Shape(
      Kind kind,
      String type,
      List<String> values,
      boolean optional,
      ClassOrInterfaceDeclaration group) {
    static Shape value(String type, List<String> values) {
      return new Shape(Kind.VALUE, type, values, false, null);
    }

    Shape asOptional() {
      return new Shape(kind, type, values, true, group);
    }
  }

  private Shape shape(Type type, Node context) {
    if (type instanceof PrimitiveType p) {
      return Shape.value(p.asString(), List.of());
    }
    if (!(type instanceof ClassOrInterfaceType t)) {
      throw new IllegalStateException("unsupported type " + type + " at " + where(context));
    }
    String name = t.getNameAsString();
    List<Type> args = t.getTypeArguments().map(List::copyOf).orElse(List.of());
    // A simple name is taken for the JDK's (java.util.Optional, java.time.Duration...), as the
    // mappings import them; a qualified name only when it is in java.*.
    boolean jdk = t.getScope().map(scope -> scope.asString().startsWith("java.")).orElse(true);
    if (!jdk) {
      return declared(t, context);
    }
    if (name.equals("Optional") && args.size() == 1) {
      return shape(args.get(0), context).asOptional();
    }
    if (OPTIONAL_PRIMITIVES.containsKey(name)) {
      return Shape.value(OPTIONAL_PRIMITIVES.get(name), List.of()).asOptional();
    }
    if (COLLECTIONS.contains(name) && args.size() == 1) {
      Shape element = shape(args.get(0), context);
      return switch (element.kind) {
        case VALUE -> Shape.value("list of " + element.type, element.values);
        case GROUP -> new Shape(Kind.LIST_OF_GROUPS, null, List.of(), false, element.group);
        default -> throw new IllegalStateException("unsupported list at " + where(context));
      };
    }
    if (name.equals("Map") && args.size() == 2) {
      Shape value = shape(args.get(1), context);
      return switch (value.kind) {
        case VALUE -> new Shape(Kind.MAP_OF_VALUES, value.type, value.values, true, null);
        case GROUP -> new Shape(Kind.MAP_OF_GROUPS, null, List.of(), false, value.group);
        default -> throw new IllegalStateException("unsupported map at " + where(context));
      };
    }
    if (VALUE_TYPES.containsKey(name)) {
      return Shape.value(VALUE_TYPES.get(name), List.of());
    }
    return declared(t, context);
  }

  /** The shape of a type declared in the sources: an enum, a group, or a value class. */
  private Shape declared(ClassOrInterfaceType t, Node context) {
    TypeDeclaration<?> declared =
        sources.resolve(t, context).orElseThrow(() -> unresolved(t.asString(), context));
    if (declared instanceof EnumDeclaration e) {
      return Shape.value(
          e.getNameAsString(),
          e.getEntries().stream().map(EnumConstantDeclaration::getNameAsString).toList());
    }
    if (declared instanceof ClassOrInterfaceDeclaration c && c.isInterface()) {
      return new Shape(Kind.GROUP, null, List.of(), false, c);
    }
    return Shape.value(declared.getNameAsString(), List.of());
  }

  private static IllegalStateException unresolved(String type, Node context) {
    return new IllegalStateException(
        "cannot find the declaration of "
            + type
            + " at "
            + where(context)
            + " (not a known JDK value type, not in the service's sources nor its modules')");
  }

  private static String where(Node node) {
    String file =
        node.findCompilationUnit()
            .flatMap(cu -> cu.getStorage())
            .map(s -> s.getPath().toString())
            .orElse("?");
    return file + ":" + node.getBegin().map(p -> p.line).orElse(0);
  }

  private static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private static Optional<AnnotationExpr> annotation(List<AnnotationExpr> list, String simpleName) {
    return list.stream()
        .filter(a -> a.getName().getIdentifier().equals(simpleName))
        .findFirst()
        .map(a -> (AnnotationExpr) a);
  }

  private static Optional<String> member(AnnotationExpr a, String name) {
    Expression value = null;
    if (a instanceof SingleMemberAnnotationExpr s && name.equals("value")) {
      value = s.getMemberValue();
    } else if (a instanceof NormalAnnotationExpr n) {
      for (MemberValuePair p : n.getPairs()) {
        if (p.getNameAsString().equals(name)) {
          value = p.getValue();
        }
      }
    }
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof StringLiteralExpr s) {
      return Optional.of(s.asString());
    }
    return Optional.of(value.toString());
  }
}
