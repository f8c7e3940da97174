/**
 * The router: consumes the pipeline's last event for each instance ({@code dicom.instance.qc} by
 * default), picks its destinations by rules kept as data, and delivers it to PACS (DICOM C-STORE),
 * DICOMweb (STOW-RS) and S3 buckets, STAT first, with retries, a circuit breaker per destination, a
 * delivery ledger against duplicates, dead letters and quarantine; publishes {@code
 * dicom.instance.delivery}.
 */
package org.roentgen.router;
