package org.roentgen.platform.objectstore;

/**
 * An object as written.
 *
 * @param sha256 SHA-256 of the bytes written, lower-case hex
 */
public record PutResult(String bucket, String key, long size, String sha256, String etag) {}
