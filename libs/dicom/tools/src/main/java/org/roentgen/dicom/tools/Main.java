package org.roentgen.dicom.tools;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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

  static Map<String, Command> commands() {
    Map<String, Command> c = new LinkedHashMap<>();
    c.put("dump", new DumpCommand());
    c.put("echo", new EchoCommand());
    c.put("send", new SendCommand());
    c.put("listen", new ListenCommand());
    c.put("find", new FindCommand());
    c.put("worklist", new WorklistCommand());
    c.put("selftest", new SelftestCommand());
    return c;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      usage(commands, args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("dicom: unknown command '" + args[0] + "'");
      usage(commands, err);
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

  private static void usage(Map<String, Command> commands, PrintStream s) {
    s.println("usage: dicom COMMAND [OPTIONS] ARGS");
    for (Command c : commands.values()) {
      s.println("  dicom " + c.usage());
    }
  }
}
