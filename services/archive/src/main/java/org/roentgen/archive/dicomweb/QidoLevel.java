package org.roentgen.archive.dicomweb;

/** The levels of a QIDO-RS search (PS3.18 10.6): what each result stands for. */
public enum QidoLevel {
  STUDY,
  SERIES,
  INSTANCE
}
