package org.roentgen.dicom.data;

/**
 * A value that was left where it is rather than read into memory: {@code length} bytes at {@code
 * offset} of the resource named by {@code uri} (a file URI for local files), in the byte order of
 * the dataset that was read. A length of -1 means unknown (a URI from DICOM JSON).
 */
public record BulkData(String uri, long offset, long length, boolean bigEndian) {
  public BulkData {
    if (offset < 0 || length < -1) {
      throw new IllegalArgumentException("negative offset or length");
    }
  }
}
