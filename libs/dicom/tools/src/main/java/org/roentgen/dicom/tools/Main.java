package org.roentgen.dicom.tools;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/dicom}: the toolkit's command line. Each subcommand is a {@link Command}; exit status
 * 0 on success, 1 when the work failed, 2 for a usage error.
 */
public final class Main {
  /** A subcommand of {@code bin/dicom}. */
  interface Command {
    /** One line for the usage text. */
    String usage();

    /** Runs with the arguments after the command name; returns the exit status. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
  }

  /** Thrown for wrong arguments; the message is printed with the command's usage. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** The command names, in the order the usage lists them. */
  static final List<String> NAMES =
      List.of("dump", "echo", "send", "listen", "find", "worklist", "selftest");

  /**
   * The command of that name, or null. Only the one asked for is created: a start loads no other
   * command's classes.
   */
  static Command command(String name) {
    switch (name) {
      case "dump":
        return new DumpCommand();
      case "echo":
        return new EchoCommand();
      case "send":
        return new SendCommand();
      case "listen":
        return new ListenCommand();
      case "find":
        return new FindCommand();
      case "worklist":
        return new WorklistCommand();
      case "selftest":
        return new SelftestCommand();
      default:
        return null;
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Command command = command(args[0]);
    if (command == null) {
      err.println("dicom: unknown command '" + args[0] + "'");
      usage(err);
      return 2;
    }
    try {
      return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    } catch (UsageException e) {
      err.println("dicom " + args[0] + ": " + e.getMessage());
      err.println("usage: dicom " + command.usage());
      return 2;
    } catch (Exception e) {
      err.println("dicom " + args[0] + ": " + e.getMessage());
      return 1;
    } finally {
      out.flush();
    }
  }

  private static void usage(PrintStream s) {
    s.println("usage: dicom COMMAND [OPTIONS] ARGS");
    for (String name : NAMES) {
      s.println("  dicom " + command(name).usage());
    }
  }
}
