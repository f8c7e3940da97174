package org.roentgen.platform.objectstore;

/**
 * What a HEAD of an object tells.
 *
 * @param sha256 the SHA-256 recorded at upload (lower-case hex), or null when the object was
 *     uploaded in parts
 */
public record ObjectInfo(
    String bucket, String key, long size, String etag, String sha256, String contentType) {}
