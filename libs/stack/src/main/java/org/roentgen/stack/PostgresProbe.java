package org.roentgen.stack;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Whether a PostgreSQL server accepts connections, asked the way {@code pg_isready} asks: a
 * StartupMessage of protocol 3.0 (PostgreSQL documentation, "Frontend/Backend Protocol", section
 * "Message Formats"), and a look at the first byte of the answer. A server that accepts sessions
 * asks for authentication ({@code 'R'}); one that starts, recovers or shuts down answers an
 * ErrorResponse ({@code 'E'}, SQLSTATE 57P03). The probe then hangs up, which the server does not
 * log. No JDBC driver is needed.
 */
final class PostgresProbe {
  /** Protocol version 3.0: major 3 in the high 16 bits. */
  private static final int PROTOCOL_3_0 = 3 << 16;

  private static final int AUTHENTICATION_REQUEST = 'R';
  private static final int TIMEOUT_MILLIS = 2000;

  private PostgresProbe() {}

  /** True if the server on {@code host:port} asks for authentication of {@code user}. */
  static boolean accepts(String host, int port, String user, String database) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.getOutputStream().write(startupMessage(user, database));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      return in.read() == AUTHENTICATION_REQUEST;
    } catch (IOException e) {
      return false;
    }
  }

  /** Int32 length (itself included), Int32 protocol, then name and value strings, then a NUL. */
  static byte[] startupMessage(String user, String database) {
    try {
      ByteArrayOutputStream parameters = new ByteArrayOutputStream();
      for (String s : new String[] {"user", user, "database", database}) {
        parameters.write(s.getBytes(StandardCharsets.UTF_8));
        parameters.write(0);
      }
      parameters.write(0);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(message);
      out.writeInt(8 + parameters.size());
      out.writeInt(PROTOCOL_3_0);
      parameters.writeTo(out);
      return message.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot happen: a byte array", e);
    }
  }
}
